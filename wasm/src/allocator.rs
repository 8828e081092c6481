//! The module's allocator: power-of-two size classes, a free list per
//! class, new blocks cut from the end of the heap (growing the memory when
//! it runs out). No coalescing and no returning memory: a WebAssembly
//! memory never shrinks anyway, and the module's allocations are short
//! strings and vectors that recur in the same sizes call after call, so
//! every block is soon reused. A few hundred bytes of code, where a general
//! allocator is several kilobytes of every page's download.
//!
//! Single-threaded by construction: `wasm32-unknown-unknown` without the
//! `atomics` feature runs one thread.

use core::alloc::{GlobalAlloc, Layout};
use core::cell::UnsafeCell;
use core::ptr::null_mut;

const PAGE: usize = 65_536;
/// The smallest block: 16 bytes (room for a free-list link, and aligned
/// for every type the module allocates).
const MIN_SHIFT: u32 = 4;
/// Blocks of 16 bytes to 2 GiB.
const CLASSES: usize = 28;

struct Heap {
    /// The first free block of each class, or 0.
    free: [usize; CLASSES],
    /// Where the next new block may start, and the end of the memory.
    next: usize,
    end: usize,
}

pub struct Allocator(UnsafeCell<Heap>);

// SAFETY: one thread (see the module's documentation).
unsafe impl Sync for Allocator {}

#[cfg(target_feature = "atomics")]
compile_error!("the allocator assumes a single-threaded wasm module");

impl Allocator {
    pub const fn new() -> Allocator {
        Allocator(UnsafeCell::new(Heap {
            free: [0; CLASSES],
            next: 0,
            end: 0,
        }))
    }
}

impl Default for Allocator {
    fn default() -> Allocator {
        Allocator::new()
    }
}

/// A layout's class and block size: the smallest power of two that holds
/// its size and its alignment (a block is aligned to its size, up to a page).
fn class(layout: Layout) -> Option<(usize, usize)> {
    let size = layout.size().max(layout.align()).max(1 << MIN_SHIFT);
    let shift = usize::BITS - size.checked_sub(1)?.leading_zeros();
    let index = usize::try_from(shift.checked_sub(MIN_SHIFT)?).ok()?;
    (index < CLASSES).then(|| (index, 1usize << shift))
}

#[cfg(target_arch = "wasm32")]
fn grow(pages: usize) -> bool {
    core::arch::wasm32::memory_grow(0, pages) != usize::MAX
}

#[cfg(target_arch = "wasm32")]
fn memory_end() -> usize {
    core::arch::wasm32::memory_size(0).saturating_mul(PAGE)
}

#[cfg(target_arch = "wasm32")]
fn heap_base() -> usize {
    extern "C" {
        static __heap_base: u8;
    }
    // SAFETY: the linker's symbol; only its address is taken.
    core::ptr::addr_of!(__heap_base) as usize
}

// Native builds (tests) never install this allocator; these keep it
// compiling there.
#[cfg(not(target_arch = "wasm32"))]
fn grow(_: usize) -> bool {
    false
}
#[cfg(not(target_arch = "wasm32"))]
fn memory_end() -> usize {
    0
}
#[cfg(not(target_arch = "wasm32"))]
fn heap_base() -> usize {
    0
}

impl Heap {
    /// A new block of `size` bytes, aligned to `size` (up to a page).
    fn cut(&mut self, size: usize) -> Option<usize> {
        if self.end == 0 {
            self.next = heap_base();
            self.end = memory_end();
        }
        let align = size.min(PAGE);
        let start = self.next.checked_add(align - 1)? & !(align - 1);
        let next = start.checked_add(size)?;
        if next > self.end {
            let pages = (next - self.end).div_ceil(PAGE);
            if !grow(pages) {
                return None;
            }
            self.end = self.end.checked_add(pages.checked_mul(PAGE)?)?;
        }
        self.next = next;
        Some(start)
    }
}

unsafe impl GlobalAlloc for Allocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: one thread, and no allocation calls back into another.
        let heap = unsafe { &mut *self.0.get() };
        let Some((index, size)) = class(layout) else {
            return null_mut();
        };
        let Some(head) = heap.free.get_mut(index) else {
            return null_mut();
        };
        if *head != 0 {
            let block = *head;
            // SAFETY: a free block holds the address of the next one.
            *head = unsafe { *(block as *const usize) };
            return block as *mut u8;
        }
        heap.cut(size).map_or(null_mut(), |block| block as *mut u8)
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: one thread; `ptr` is a block of `layout`'s class, no
        // longer in use, and at least 16 bytes long.
        let heap = unsafe { &mut *self.0.get() };
        if let Some(head) = class(layout).and_then(|(index, _)| heap.free.get_mut(index)) {
            unsafe { *(ptr as *mut usize) = *head };
            *head = ptr as usize;
        }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let Ok(new_layout) = Layout::from_size_align(new_size, layout.align()) else {
            return null_mut();
        };
        // A block already holds any size of its class.
        if class(new_layout) == class(layout) {
            return ptr;
        }
        // SAFETY: the caller's guarantees, passed on.
        let new = unsafe { self.alloc(new_layout) };
        if !new.is_null() {
            unsafe {
                core::ptr::copy_nonoverlapping(ptr, new, layout.size().min(new_size));
                self.dealloc(ptr, layout);
            }
        }
        new
    }
}

#[cfg(test)]
mod tests {
    use super::class;
    use core::alloc::Layout;

    #[test]
    fn classes_hold_size_and_alignment() {
        let of = |size, align| class(Layout::from_size_align(size, align).unwrap());
        assert_eq!(of(0, 1), Some((0, 16)));
        assert_eq!(of(16, 8), Some((0, 16)));
        assert_eq!(of(17, 1), Some((1, 32)));
        assert_eq!(of(1, 64), Some((2, 64)));
        assert_eq!(of(4096, 8), Some((8, 4096)));
        assert_eq!(of(1 << 31, 8), Some((27, 1 << 31)));
        assert_eq!(of((1 << 31) + 1, 8), None);
    }
}
