; A tracepoint's context is read-only.
;
; r1 points at the event record. Reading its fields is allowed (at the
; offsets the format file gives); writing any of them is not. (Before
; 6.3 an immediate store, *(u64 *)(r1 +8) = 0, is refused for another
; reason first: "BPF_ST stores into R1 ctx is not allowed", for every
; program type; storing a register shows this rule on every kernel.)
;
; expect: REJECTED invalid bpf_context access
r2 = 0
*(u64 *)(r1 +8) = r2
r0 = 0
exit
