; Map values have a size, and accesses stay inside it.
;
; The value is 8 bytes; reading 8 bytes at offset 8 is past its end. The
; verifier knows the offset exactly (a constant), so it refuses outright.
;
; expect: REJECTED invalid access to map value, value_size=8 off=8 size=8
.map counts array 4 8 1
*(u32 *)(r10 -4) = 0
r2 = r10
r2 += -4
r1 = map[counts] ll
call bpf_map_lookup_elem
if r0 == 0 goto out
r0 = *(u64 *)(r0 +8)
out:
exit
