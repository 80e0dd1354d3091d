; Some program types must return a value in a given range.
;
; A cgroup_skb program says allow (1) or drop (0); the verifier checks r0
; at every exit against [0, 1]. A tracepoint program's return value is
; not checked this way.
;
; expect: REJECTED should have been in [0, 1]|should have been in (0x0; 0x1)
.type cgroup_skb
r0 = 2
exit
