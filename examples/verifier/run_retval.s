; verify --run runs what the verifier accepts (BPF_PROG_TEST_RUN): for a
; socket filter, on a packet, and ".retval" says what it must return.
;
; Given no --data, the packet is 64 zero bytes; the kernel takes the
; 14-byte Ethernet header off before a socket filter sees the packet, as
; it does for one on a socket, so skb->len (at offset 0 of the context,
; struct __sk_buff) is 50. Run it with --data-hex and another length.
;
; expect: ACCEPTED
.type socket_filter
.retval 50
	r0 = *(u32 *)(r1 +0)	; skb->len
	exit
