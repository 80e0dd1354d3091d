; Stack must be written before it is read (for an unprivileged loader).
;
; Reading 8 bytes at r10 -8 that nothing wrote would leak whatever the
; kernel left there. A loader holding CAP_PERFMON (or CAP_SYS_ADMIN) may
; do it since 5.8 (allow_uninit_stack); with CAP_BPF alone, as here, the
; verifier refuses. Write the slot first ("*(u64 *)(r10 -8) = 0") and it
; is accepted.
;
; flags: --cap-bpf
; expect: REJECTED invalid read from stack
.type socket_filter
r0 = *(u64 *)(r10 -8)
exit
