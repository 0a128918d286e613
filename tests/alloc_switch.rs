//! The switchable allocator (src/alloc.rs) as the program uses it: blocks allocated before the
//! switch to mimalloc are freed and grown by glibc after it, new blocks come from mimalloc, on
//! every thread. A block handed to the wrong allocator would abort or corrupt the heap here.

#[global_allocator]
static ALLOCATOR: nianbao::alloc::Switchable = nianbao::alloc::Switchable;

fn in_mimalloc<T>(p: *const T) -> bool {
    // SAFETY: a read-only lookup of an address in mimalloc's page map.
    unsafe { libmimalloc_sys::mi_is_in_heap_region(p.cast()) }
}

#[test]
fn blocks_go_back_to_the_allocator_that_gave_them() {
    // Before the switch: glibc's blocks, small and large, some to be grown later.
    let mut before: Vec<Vec<u8>> = (0..2_000).map(|i| vec![i as u8; 1 + i % 300]).collect();
    let mut grown = String::from("政府信息公开");
    let big = vec![7u64; 1 << 20];
    assert!(!in_mimalloc(grown.as_ptr()), "allocated before the switch");
    assert!(!in_mimalloc(big.as_ptr()));

    nianbao::alloc::use_fast();

    // A glibc block grown after the switch stays glibc's, its contents kept.
    for _ in 0..2_000 {
        grown.push_str("年度报告");
    }
    assert!(grown.starts_with("政府信息公开年度报告"));
    assert!(!in_mimalloc(grown.as_ptr()), "a glibc block grows in glibc");

    // New blocks are mimalloc's, on this thread and on others; freed anywhere.
    let after: Vec<String> = (0..2_000).map(|i| format!("第{i}行")).collect();
    assert!(in_mimalloc(after.as_ptr()));
    assert!(after.iter().all(|s| in_mimalloc(s.as_ptr())));
    let from_threads: Vec<Vec<u32>> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..4)
            .map(|t| s.spawn(move || (0..10_000u32).map(|i| i * t).collect::<Vec<u32>>()))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("thread"))
            .collect()
    });
    assert!(from_threads.iter().all(|v| in_mimalloc(v.as_ptr())));
    assert_eq!(from_threads[3][9_999], 29_997);

    // Alignments above mimalloc's 8 take its aligned entry points: kept when grown.
    #[derive(Clone, Copy)]
    #[repr(align(64))]
    struct Line([u8; 64]);
    let mut aligned = vec![Line([3; 64]); 3];
    for i in 0..1_000u32 {
        aligned.push(Line([i as u8; 64]));
        assert!(
            (aligned.as_ptr() as usize).is_multiple_of(64),
            "after {i} pushes"
        );
    }
    assert!(in_mimalloc(aligned.as_ptr()));
    assert_eq!(aligned[1_002].0[0], 231);
    // A layout smaller than its alignment (mimalloc's plain malloc would give 8-aligned
    // blocks of its 8-byte class).
    for align in [16, 64, 4096] {
        let layout = std::alloc::Layout::from_size_align(8, align).expect("layout");
        let blocks: Vec<*mut u8> = (0..64)
            // SAFETY: a non-zero-sized layout.
            .map(|_| unsafe { std::alloc::alloc(layout) })
            .collect();
        for p in &blocks {
            assert!(
                !p.is_null() && (*p as usize).is_multiple_of(align),
                "{p:?} for align {align}"
            );
            // SAFETY: allocated above with `layout`.
            unsafe { std::alloc::dealloc(*p, layout) };
        }
    }
    let zeroed_wide = vec![0u128; 4_096];
    assert_eq!(
        zeroed_wide.as_ptr() as usize % std::mem::align_of::<u128>(),
        0
    );
    assert!(zeroed_wide.iter().all(|v| *v == 0));

    // Old and new blocks freed in any order, old ones resized, the rest dropped on another
    // thread than the one that allocated them.
    for (i, v) in before.iter_mut().enumerate().step_by(3) {
        v.resize(v.len() * 4 + i, 1);
        v.shrink_to_fit();
    }
    before.retain(|v| v.len() % 2 == 0);
    let zeroed = vec![0u8; 1 << 16];
    assert!(zeroed.iter().all(|b| *b == 0));
    std::thread::spawn(move || drop((before, after, big, zeroed, aligned, zeroed_wide)))
        .join()
        .expect("drop on another thread");
    drop(from_threads);
}
