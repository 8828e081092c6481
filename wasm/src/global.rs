//! The module's mutable state: its buffers and runs, kept where a call can
//! find them without a `static mut`.

/// Per-thread storage: the module's one thread on wasm32, and each test's
/// own thread in native test runs.
macro_rules! global {
    ($(#[$doc:meta])* $name:ident: $type:ty = $init:expr) => {
        $(#[$doc])*
        fn $name<R>(use_it: impl FnOnce(&mut $type) -> R) -> R {
            #[cfg(target_arch = "wasm32")]
            {
                struct Global(core::cell::UnsafeCell<$type>);
                // SAFETY: wasm32-unknown-unknown without the atomics feature
                // runs one thread.
                unsafe impl Sync for Global {}
                static GLOBAL: Global = Global(core::cell::UnsafeCell::new($init));
                // SAFETY: one thread, and no caller of this accessor calls it
                // again while `use_it` runs (each use is a short copy).
                use_it(unsafe { &mut *GLOBAL.0.get() })
            }
            #[cfg(not(target_arch = "wasm32"))]
            {
                std::thread_local! {
                    static GLOBAL: core::cell::RefCell<$type> = const { core::cell::RefCell::new($init) };
                }
                GLOBAL.with(|global| use_it(&mut global.borrow_mut()))
            }
        }
    };
}
