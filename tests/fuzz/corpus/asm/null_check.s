; After "if r0 == 0", the other branch holds a map value pointer.
;
; The same program as null_check_missing.s with the test added: on the
; fall-through path r0 is "map_value" and may be read within the value's
; 8 bytes; on the jump path it is the scalar 0.
;
; expect: ACCEPTED
.map counts hash 4 8 16
*(u32 *)(r10 -4) = 0
r2 = r10
r2 += -4
r1 = map[counts] ll
call bpf_map_lookup_elem
if r0 == 0 goto out
r0 = *(u64 *)(r0 +0)
out:
exit
