; A kernel address may not reach user space (for an unprivileged loader).
;
; Storing the frame pointer into a map would hand a kernel stack address
; to anyone who reads the map. With CAP_PERFMON a loader may (it can see
; kernel addresses anyway); with CAP_BPF alone, as here, the verifier
; refuses. Returning r10 from the program is refused the same way.
;
; flags: --cap-bpf
; expect: REJECTED leaks addr into map
.type socket_filter
.map counts array 4 8 1
*(u32 *)(r10 -4) = 0
r2 = r10
r2 += -4
r1 = map[counts] ll
call bpf_map_lookup_elem
if r0 == 0 goto out
*(u64 *)(r0 +0) = r10
out:
r0 = 0
exit
