/* SPDX-License-Identifier: GPL-2.0 */
/* 64-bit instruction corpus: assembled by as, disassembled by objdump, and every
   instruction's length checked against insn_decode() (tests/unit/insn_test.c). */
	.code64
	.text
	/* xAPIC and MMIO access forms Linux uses */
	mov %eax, 0x300(%rdx)
	mov %eax, 0x30(%rdx)
	mov %eax, (%rdx)
	movl $0x12345678, 0xb0(%rdx)
	movl $0, 0xb0(%rax)
	xchg %eax, (%rdx)
	xchg %eax, 0x300(%rdx)
	mov 0x20(%rdx), %eax
	mov 0x300(%rdi,%rax,1), %ecx
	movabs 0xfffffffffee00300, %eax
	movabs %eax, 0xfffffffffee000b0
	movabs %al, 0x1122334455667788
	movabs 0x1122334455667788, %rax
	addr32 mov 0xfee00300, %eax
	mov %gs:0x10, %rax
	mov %fs:(%rax), %eax
	mov %ss:(%rax), %eax
	/* every ALU form */
	add %al, (%rcx)
	add %eax, (%rcx)
	add (%rcx), %al
	add (%rcx), %eax
	add $0x7f, %al
	add $0x12345678, %eax
	or %r8b, 0x1(%r9)
	adc %r10, -0x80(%r11)
	sbb 0x7fffffff(%r12), %r13w
	and %esp, (%rsp)
	sub %bpl, (%rbp)
	xor %sil, 0x0(%r13)
	cmp %dil, (%r13,%r14,8)
	addb $0x1, (%rax)
	orw $0x1234, (%rax)
	adcl $0x12345678, (%rax)
	sbbq $-0x1000, (%rax)
	andl $-1, (%rax)
	subq $0x7f, 0x8(%rax)
	xorw $-2, (%rax)
	cmpb $0x80, (%rax)
	lock orl $1, (%rdx)
	lock addq %rax, (%rdx)
	lock xaddl %eax, (%rdx)
	lock cmpxchg %rcx, (%rdx)
	lock cmpxchg16b (%rdx)
	lock btsq $3, (%rdx)
	test %al, (%rdx)
	test %rax, 0x10(%rdx)
	testb $0x80, (%rdx)
	testw $0x8000, (%rdx)
	testl $0x80000000, 0x30(%rdx)
	testq $-1, (%rdx)
	test $0x12, %al
	test $0x1234, %ax
	notl (%rdx)
	negq (%rdx)
	mull (%rdx)
	imul $0x12345678, (%rdx), %eax
	imul $0x12, (%rdx), %ax
	idivb (%rdx)
	incb (%rdx)
	decw (%rdx)
	incq 0x10(%rsp)
	/* moves, extensions */
	mov %r9, 0x10(%r12)
	mov (%rax,%r13,4), %r10d
	mov 0x0(,%rcx,8), %rax
	mov 0x12345678(,%r15,2), %rax
	mov 0x1234(%rip), %eax
	mov %ah, (%rbx)
	mov %spl, (%rbx)
	mov %bh, (%rdx)
	mov %dil, (%rdx)
	movw $0x1234, (%rdx)
	movb $0x12, (%rdx)
	movq $-1, (%rdx)
	movzbl (%rdx), %eax
	movzwl (%rdx), %ecx
	movzbw (%rdx), %ax
	movsbq (%rdx), %rax
	movswq 2(%rdx), %rax
	movslq (%rdx), %rax
	movsbl %al, %ecx
	mov $0x1122334455667788, %rax
	mov $0x12345678, %r11d
	mov $0x1234, %r11w
	mov $0x12, %r11b
	mov %cr0, %rax
	mov %rax, %cr3
	mov %cr8, %rax
	mov %dr7, %rax
	mov %ds, (%rax)
	mov (%rax), %es
	lea 0x10(%rax,%rbx,4), %rcx
	lea (%rip), %rax
	/* string operations */
	rep stosq
	rep stosb
	rep movsb
	rep movsq
	movsl
	lodsb
	repne scasb
	repe cmpsw
	insb
	outsl
	/* stack, branches */
	push $0x12
	push $0x12345678
	pushw $0x1234
	push (%rax)
	pop (%rax)
	push %r15
	pop %rbx
	enter $0x1234, $5
	leave
	ret $0x10
	ret
	lretq $8
	jmp .
	jmp .+0x1000
	call .+0x1000
	je .
	jne .+0x1000
	loop .
	jrcxz .
	jmp *(%rax)
	jmp *%rax
	call *0x10(%rip)
	ljmp *(%rax)
	lcall *(%rax)
	int $0x80
	int3
	int1
	syscall
	sysretq
	iretq
	/* I/O */
	in $0x80, %al
	out %eax, $0x71
	in (%dx), %ax
	out %al, (%dx)
	/* shifts */
	shl $3, %eax
	shrl $1, (%rdx)
	sar %cl, %rbx
	rolw (%rax)
	shld $4, %eax, (%rdx)
	shrd %cl, %rax, %rbx
	/* bits, flags, misc */
	bt %eax, (%rdx)
	btl $31, (%rdx)
	bsf (%rdx), %eax
	popcnt (%rdx), %rax
	tzcnt %rax, %rbx
	lzcnt %eax, %ecx
	bswap %r9
	cmove (%rdx), %eax
	setne (%rdx)
	cpuid
	rdtsc
	rdtscp
	rdmsr
	wrmsr
	hlt
	pause
	nop
	nopw 0x0(%rax,%rax,1)
	nopl 0x0(%rax)
	xchg %ax, %ax
	cli
	sti
	cld
	clc
	cbw
	cqto
	cltq
	sahf
	lahf
	xlat
	endbr64
	ud2
	ud1 (%rax), %eax
	movbe (%rdx), %eax
	crc32b (%rdx), %eax
	crc32q %rax, %rcx
	/* system */
	lgdt (%rax)
	lidt (%rax)
	sgdt (%rax)
	lldt %ax
	ltr %ax
	invlpg (%rax)
	swapgs
	vmrun
	vmmcall
	vmload
	vmsave
	stgi
	clgi
	invlpga
	vmcall
	vmlaunch
	vmresume
	vmxoff
	vmptrld (%rax)
	vmread %rax, (%rdx)
	vmwrite (%rdx), %rax
	invept (%rax), %rcx
	xsave (%rax)
	xrstor (%rax)
	fxsave64 (%rax)
	clflush (%rax)
	clflushopt (%rax)
	mfence
	lfence
	sfence
	rdrand %eax
	rdseed %rax
	rdfsbase %rax
	wrgsbase %rax
	rdpid %rax
	wbinvd
	invd
	monitor
	mwait
	xgetbv
	xsetbv
	/* x87 */
	fld1
	fldl (%rax)
	fstps 0x10(%rax)
	fadd %st(1), %st
	fistpll (%rax)
	fnstcw (%rax)
	fwait
	/* SSE / SSE2 / SSSE3 / SSE4 */
	movaps (%rax), %xmm0
	movups %xmm15, 0x10(%r8)
	movd %eax, %xmm1
	movq %xmm2, %rax
	movdqa (%rax), %xmm3
	movdqu %xmm3, (%rax)
	pshufd $0x1b, %xmm0, %xmm1
	psrlq $4, %xmm2
	pslldq $8, %xmm3
	cmpps $2, %xmm1, %xmm0
	shufps $0x44, (%rax), %xmm0
	pinsrw $3, (%rax), %xmm0
	pextrw $2, %xmm0, %eax
	pshufb (%rax), %xmm0
	palignr $4, %xmm1, %xmm0
	pblendw $0xf0, %xmm1, %xmm0
	pextrq $1, %xmm0, %rax
	pinsrd $2, (%rax), %xmm0
	roundsd $4, %xmm1, %xmm0
	pcmpistri $0x1a, (%rax), %xmm0
	aesenc %xmm1, %xmm0
	aeskeygenassist $1, %xmm1, %xmm0
	pclmulqdq $0x11, %xmm1, %xmm0
	sha1rnds4 $3, %xmm1, %xmm0
	sha256rnds2 %xmm1, %xmm0
	cvtsi2sdq %rax, %xmm0
	cvttss2si (%rax), %eax
	movntdq %xmm0, (%rax)
	maskmovdqu %xmm1, %xmm0
	ldmxcsr (%rax)
	prefetcht0 (%rax)
	prefetchw (%rax)
	emms
	movq %mm0, (%rax)
	paddb %mm1, %mm0
	extrq $4, $8, %xmm0
	insertq $4, $8, %xmm1, %xmm0
	/* VEX */
	vzeroupper
	vzeroall
	vmovaps (%rax), %ymm0
	vmovdqu %ymm15, 0x20(%r8)
	vpaddd %ymm1, %ymm2, %ymm3
	vpshufd $0x1b, %ymm0, %ymm1
	vpsrlq $4, %xmm2, %xmm3
	vcmpps $2, %ymm1, %ymm0, %ymm2
	vpermq $0x4e, %ymm0, %ymm1
	vbroadcastss (%rax), %ymm0
	vpbroadcastd 0x10(%rip), %ymm1
	vfmadd231ps %ymm1, %ymm2, %ymm3
	vinsertf128 $1, (%rax), %ymm0, %ymm1
	vextracti128 $1, %ymm0, (%rax)
	vpgatherdd %ymm2, (%rax,%ymm1,4), %ymm0
	andn %rax, %rbx, %rcx
	bextr %eax, (%rdx), %ecx
	shlx %rax, %rbx, %rcx
	rorx $3, %rax, %rbx
	pdep (%rdx), %rax, %rcx
	vmovd %xmm0, %r9d
	vpinsrq $1, %r10, %xmm1, %xmm2
	/* EVEX */
	vmovups (%rax), %zmm0
	vmovdqu64 %zmm31, 0x40(%r8)
	vpaddd %zmm1, %zmm2, %zmm3{%k1}{z}
	vaddps 0x100(%rax){1to16}, %zmm1, %zmm2
	vpternlogd $0xff, %zmm0, %zmm0, %zmm0
	vpshufd $0x1b, %zmm0, %zmm1
	vcmpps $1, %zmm1, %zmm2, %k3
	vextracti32x4 $1, %zmm0, (%rax)
	vmovdqa32 %xmm16, %xmm17
	kmovw %k1, %eax
	vaddph %zmm1, %zmm2, %zmm3
	vfmadd132ph (%rax), %zmm1, %zmm2
	vcvtph2psx 0x40(%rax){1to16}, %zmm0
