//! The module's side of the exchange with `js/`: the buffer the slow
//! path's arguments are written into, the buffer answers are written to,
//! and [`Out`], where a fast answer leaves its numbers. JavaScript finds
//! them by the pointers these exports return, and re-views the memory
//! after every call that may have grown it.

use alloc::vec::Vec;

use mesh_maintenance::InputError;

use crate::answer::Writer;
use crate::protocol::Out;
use crate::value::Args;

#[cfg(target_feature = "atomics")]
compile_error!("the exchange buffers assume a single-threaded wasm module");

global! {
    /// Where `js/codec.js` writes the slow path's arguments.
    input_buffer: Vec<u8> = Vec::new()
}

global! {
    /// Where the last answer was written.
    output_buffer: Vec<u8> = Vec::new()
}

global! {
    /// A fast answer's numbers.
    out_numbers: Out = Out { since: 0.0, deadline: 0.0, waited: 0.0, text: 0.0 }
}

/// Makes room for `length` bytes of arguments; where to write them.
#[export_name = "input"]
pub extern "C" fn input(length: u32) -> *mut u8 {
    input_buffer(|buffer| {
        buffer.clear();
        buffer.resize(usize::try_from(length).unwrap_or(0), 0);
        buffer.as_mut_ptr()
    })
}

/// Where the last answer starts (its length is what the call returned).
#[export_name = "output"]
pub extern "C" fn output() -> *const u8 {
    output_buffer(|buffer| buffer.as_ptr())
}

/// Where [`Out`] sits in the module's memory.
#[export_name = "outPointer"]
pub extern "C" fn out_pointer() -> *const Out {
    out_numbers(|out| out as *const Out)
}

pub(crate) fn write_out(numbers: Out) {
    out_numbers(|out| *out = numbers);
}

/// Runs a slow-path call on the arguments in the input buffer and writes
/// its answer (its values, or the input error) to the output buffer;
/// the answer's length.
///
/// One copy for every export: `run` is called through a pointer.
#[inline(never)]
pub(crate) fn answer(run: &dyn Fn(&mut Args<'_>, &mut Writer) -> Result<(), InputError>) -> u32 {
    let input = input_buffer(core::mem::take);
    let mut writer = Writer::new(output_buffer(core::mem::take));
    let result = run(&mut Args::new(&input), &mut writer);
    let output = match result {
        Ok(()) => writer.finish(),
        Err(error) => Writer::error(writer.finish(), &error),
    };
    let length = u32::try_from(output.len()).unwrap_or(u32::MAX);
    input_buffer(|buffer| *buffer = input);
    output_buffer(|buffer| *buffer = output);
    length
}

/// Writes `text` as the whole answer (a message the fast path numbered);
/// its length in bytes.
pub(crate) fn answer_text(text: &str) -> u32 {
    output_buffer(|buffer| {
        buffer.clear();
        buffer.extend_from_slice(text.as_bytes());
        u32::try_from(buffer.len()).unwrap_or(u32::MAX)
    })
}
