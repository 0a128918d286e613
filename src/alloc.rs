//! The process's allocator: the system's (glibc's), or mimalloc once `use_fast()` is called.
//!
//! Checking a folder of reports allocates and frees millions of small strings; there glibc's
//! malloc, free and realloc were ~30 % of the instructions and mimalloc makes the batch ~25 %
//! faster. As the only allocator, though, mimalloc raised the TUI's peak RSS on the largest
//! draft from 12.7 to 15.4 MB (its target is 15 MB), so the switch is made only by the commands
//! that need throughput, before their work starts.
//!
//! Each block is freed (or grown) by the allocator that gave it: mimalloc's page map tells
//! whether a pointer is its (`mi_is_in_heap_region`, a lookup in a table; false before
//! mimalloc has allocated anything), so blocks allocated before the switch go back to glibc.

use mimalloc::MiMalloc;
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicBool, Ordering};

static FAST: AtomicBool = AtomicBool::new(false);

/// From now on, new blocks come from mimalloc (for the whole process, every thread).
pub fn use_fast() {
    FAST.store(true, Ordering::Relaxed);
}

pub struct Switchable;

fn is_mimallocs(ptr: *mut u8) -> bool {
    // Until the switch no block is mimalloc's, and a process that never switches (the TUI,
    // one report) pays one load a free instead of the lookup. A block allocated after the
    // switch reaches another thread through a synchronisation that makes the switch visible
    // there too.
    // SAFETY: a read-only lookup of the address in mimalloc's page map; any pointer may be
    // asked about.
    FAST.load(Ordering::Relaxed) && unsafe { libmimalloc_sys::mi_is_in_heap_region(ptr.cast()) }
}

// SAFETY: every method forwards to System or MiMalloc, both sound GlobalAllocs, and a block is
// always handed back (dealloc, realloc) to the one that allocated it: mimalloc owns exactly the
// pointers in its heap region.
unsafe impl GlobalAlloc for Switchable {
    // Not inlined into the program's ~thousands of allocation sites (+450 KB of binary).
    #[inline(never)]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's contract (a non-zero-sized layout) is passed on.
        unsafe {
            if FAST.load(Ordering::Relaxed) {
                MiMalloc.alloc(layout)
            } else {
                System.alloc(layout)
            }
        }
    }

    // Not inlined into the program's ~thousands of allocation sites (+450 KB of binary).
    #[inline(never)]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as `alloc`.
        unsafe {
            if FAST.load(Ordering::Relaxed) {
                MiMalloc.alloc_zeroed(layout)
            } else {
                System.alloc_zeroed(layout)
            }
        }
    }

    // Not inlined into the program's ~thousands of allocation sites (+450 KB of binary).
    #[inline(never)]
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` was allocated by this allocator with `layout`, so by one of the two,
        // and `is_mimallocs` says which.
        unsafe {
            if is_mimallocs(ptr) {
                MiMalloc.dealloc(ptr, layout)
            } else {
                System.dealloc(ptr, layout)
            }
        }
    }

    // Not inlined into the program's ~thousands of allocation sites (+450 KB of binary).
    #[inline(never)]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: a block grows in the allocator that gave it (a glibc block stays glibc's
        // after the switch; new blocks are mimalloc's).
        unsafe {
            if is_mimallocs(ptr) {
                MiMalloc.realloc(ptr, layout, new_size)
            } else {
                System.realloc(ptr, layout, new_size)
            }
        }
    }
}
