/* SPDX-License-Identifier: GPL-2.0 */
/*
 * shmsnoop's arguments as text, as bcc's shmsnoop prints them: keys,
 * ids and addresses in hex, sizes in decimal, flags by name with the
 * permission bits left in octal ("0x780 (IPC_CREAT|IPC_EXCL|0600)"),
 * shmctl's command by name beside its number.
 */
#ifndef BAREBPF_TOOLS_SHMCALL_H
#define BAREBPF_TOOLS_SHMCALL_H

#include <stddef.h>
#include <linux/types.h>

/* Room for the longest ARGs column. */
#define SHM_ARGS_TEXT_MAX	192

/*
 * The ARGs column of a call (enum shmsnoop_call) with its three
 * arguments as the record keeps them, into buf (cut to len).
 */
void shm_args_text(char *buf, size_t len, unsigned int call, const __u64 *args);

/*
 * The arguments for JSON, "[KEY,SIZE,SHMFLG]": those the call takes,
 * each as its C type reads it (an int sign-extended, a pointer or a
 * size unsigned).
 */
void shm_args_json(char *buf, size_t len, unsigned int call, const __u64 *args);

#endif /* BAREBPF_TOOLS_SHMCALL_H */
