; A tracepoint's context is read-only.
;
; r1 points at the event record. Reading its fields is allowed (at the
; offsets the format file gives); writing any of them is not.
;
; expect: REJECTED invalid bpf_context access
*(u64 *)(r1 +8) = 0
r0 = 0
exit
