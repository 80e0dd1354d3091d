; A map lookup may return NULL: check it before use.
;
; bpf_map_lookup_elem returns "map_value_or_null". Until a test against 0
; splits the two cases, the pointer may not be dereferenced. (An array
; map looked up with a constant key in range is known non-NULL on recent
; kernels, so this uses a hash map.) null_check.s is the fixed program.
;
; expect: REJECTED invalid mem access 'map_value_or_null'
.map counts hash 4 8 16
*(u32 *)(r10 -4) = 0
r2 = r10
r2 += -4
r1 = map[counts] ll
call bpf_map_lookup_elem
r0 = *(u64 *)(r0 +0)		; r0 may be NULL here
exit
