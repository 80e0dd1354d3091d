; Each program type has its own set of helpers.
;
; bpf_sk_lookup_tcp finds a socket for networking programs; a tracepoint
; program may not call it. "barebpf probe" lists the helpers a type may
; use. (Kernels before 5.x said "unknown func".)
;
; expect: REJECTED cannot use helper bpf_sk_lookup_tcp|unknown func bpf_sk_lookup_tcp
call bpf_sk_lookup_tcp
r0 = 0
exit
