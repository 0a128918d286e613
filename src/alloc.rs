//! The process's allocator: the system's (glibc's), or mimalloc once `use_fast()` is called.
//!
//! Checking a folder of reports allocates and frees millions of small strings; there glibc's
//! malloc, free and realloc were ~30 % of the instructions and mimalloc makes the batch ~25 %
//! faster. As the only allocator, though, mimalloc raised the TUI's peak RSS on the largest
//! draft from 12.7 to 15.4 MB (its target is 15 MB), so the switch is made only by the commands
//! that need throughput, before their work starts.
//!
//! Each block is freed (or grown) by the allocator that gave it: before the switch every
//! block is glibc's; after it, a pointer in the arena reserved for mimalloc at the switch is
//! mimalloc's, and any other is asked about (`mi_is_in_heap_region`), so blocks allocated
//! before the switch go back to glibc.

use libmimalloc_sys as mi;
use mimalloc::MiMalloc;
use std::alloc::{GlobalAlloc, Layout, System};
use std::ffi::c_void;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

static FAST: AtomicBool = AtomicBool::new(false);
/// The address range of the arena reserved at the switch (`start..end`; empty if none): a
/// pointer in it is mimalloc's without asking mimalloc, whose own test scans its arenas and
/// segment map (~4 % of a batch's instructions when asked on every free).
static ARENA_START: AtomicUsize = AtomicUsize::new(0);
static ARENA_END: AtomicUsize = AtomicUsize::new(0);
/// Address space, as large as mimalloc's own default arena; pages are touched only as used.
/// Reserved committed and with large pages allowed, as mimalloc reserves its default arena:
/// without them the batch took 4x the page faults (~2 000 against ~500 for 1 000 reports).
const ARENA_BYTES: usize = 1 << 30;
/// mimalloc's blocks are aligned to at least this (its smallest size class); above it the
/// aligned entry points are needed.
const MI_MIN_ALIGN: usize = 8;

unsafe extern "C" {
    // In mimalloc's extended API (mimalloc.h), not declared by libmimalloc-sys.
    fn mi_arena_area(arena_id: mi::mi_arena_id_t, size: *mut usize) -> *mut c_void;
}

/// From now on, new blocks come from mimalloc (for the whole process, every thread).
pub fn use_fast() {
    if FAST.load(Ordering::Relaxed) {
        return;
    }
    let mut id: mi::mi_arena_id_t = Default::default();
    // SAFETY: reserving address space for mimalloc and asking where it is; `id` and `size`
    // are written by mimalloc. If either fails, the range stays empty and every free asks
    // mimalloc.
    unsafe {
        // mimalloc's calls other than malloc expect the calling thread set up (its first
        // malloc does it): reserving from a thread that had not allocated from mimalloc yet
        // crashed in its random generator (tests/alloc_switch.rs switches from such a one).
        mi::mi_thread_init();
        if mi::mi_reserve_os_memory_ex(ARENA_BYTES, true, true, false, &mut id) == 0 {
            let mut size = 0usize;
            let start = mi_arena_area(id, &mut size) as usize;
            if start != 0 {
                ARENA_START.store(start, Ordering::Relaxed);
                ARENA_END.store(start + size, Ordering::Relaxed);
            }
        }
    }
    FAST.store(true, Ordering::Relaxed);
}

pub struct Switchable;

fn is_mimallocs(ptr: *mut u8) -> bool {
    // Until the switch no block is mimalloc's, and a process that never switches (the TUI,
    // one report) pays one load a free instead of the lookup. A block allocated after the
    // switch reaches another thread through a synchronisation that makes the switch visible
    // there too.
    if !FAST.load(Ordering::Relaxed) {
        return false;
    }
    let p = ptr as usize;
    if ARENA_START.load(Ordering::Relaxed) <= p && p < ARENA_END.load(Ordering::Relaxed) {
        return true;
    }
    // Outside the reserved arena: a block from before the switch, or one mimalloc placed
    // elsewhere (a huge one, or once the arena is full).
    // SAFETY: a read-only lookup of the address in mimalloc's maps; any pointer may be asked
    // about.
    unsafe { mi::mi_is_in_heap_region(ptr.cast()) }
}

// SAFETY: every method forwards to System or MiMalloc, both sound GlobalAllocs, and a block is
// always handed back (dealloc, realloc) to the one that allocated it: mimalloc owns exactly the
// pointers in its heap region.
// The methods are not inlined into the program's thousands of allocation sites (inlined, both
// allocators' paths cost 450 KB of binary).
unsafe impl GlobalAlloc for Switchable {
    #[inline(never)]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's contract (a non-zero-sized layout) is passed on.
        unsafe {
            if FAST.load(Ordering::Relaxed) {
                if layout.align() <= MI_MIN_ALIGN {
                    mi::mi_malloc(layout.size()).cast()
                } else {
                    MiMalloc.alloc(layout)
                }
            } else {
                System.alloc(layout)
            }
        }
    }

    #[inline(never)]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as `alloc`.
        unsafe {
            if FAST.load(Ordering::Relaxed) {
                if layout.align() <= MI_MIN_ALIGN {
                    mi::mi_zalloc(layout.size()).cast()
                } else {
                    MiMalloc.alloc_zeroed(layout)
                }
            } else {
                System.alloc_zeroed(layout)
            }
        }
    }

    #[inline(never)]
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` was allocated by this allocator with `layout`, so by one of the two,
        // and `is_mimallocs` says which.
        unsafe {
            if is_mimallocs(ptr) {
                mi::mi_free(ptr.cast())
            } else {
                System.dealloc(ptr, layout)
            }
        }
    }

    #[inline(never)]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: a block grows in the allocator that gave it (a glibc block stays glibc's
        // after the switch; new blocks are mimalloc's).
        unsafe {
            if is_mimallocs(ptr) {
                if layout.align() <= MI_MIN_ALIGN {
                    mi::mi_realloc(ptr.cast(), new_size).cast()
                } else {
                    MiMalloc.realloc(ptr, layout, new_size)
                }
            } else {
                System.realloc(ptr, layout, new_size)
            }
        }
    }
}
