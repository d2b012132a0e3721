#include "textflag.h"

// expPairs in packed SSE2: the steps of ExpTo (expArg, expReduced,
// expScale) for two arguments per instruction, each lane the same IEEE
// operations in the same order as Exp's common path, so that the results
// are Exp's bits (TestBatchSameBits). Constants: two copies each
// (// name: offset).
// abs: 0
// tiny: 16
// big: 32
// log2e: 48
// half: 64
// ln2hi: 80
// ln2lo: 96
// p5: 112
// p4: 128
// p3: 144
// p2: 160
// p1: 176
// two: 192
// one: 208
DATA expc<>+0(SB)/8, $0x7fffffffffffffff
DATA expc<>+8(SB)/8, $0x7fffffffffffffff
DATA expc<>+16(SB)/8, $0x3e30000000000000
DATA expc<>+24(SB)/8, $0x3e30000000000000
DATA expc<>+32(SB)/8, $0x4085e00000000000
DATA expc<>+40(SB)/8, $0x4085e00000000000
DATA expc<>+48(SB)/8, $0x3ff71547652b82fe
DATA expc<>+56(SB)/8, $0x3ff71547652b82fe
DATA expc<>+64(SB)/8, $0x3fe0000000000000
DATA expc<>+72(SB)/8, $0x3fe0000000000000
DATA expc<>+80(SB)/8, $0x3fe62e42fee00000
DATA expc<>+88(SB)/8, $0x3fe62e42fee00000
DATA expc<>+96(SB)/8, $0x3dea39ef35793c76
DATA expc<>+104(SB)/8, $0x3dea39ef35793c76
DATA expc<>+112(SB)/8, $0x3e66376972bea4d0
DATA expc<>+120(SB)/8, $0x3e66376972bea4d0
DATA expc<>+128(SB)/8, $0xbebbbd41c5d26bf1
DATA expc<>+136(SB)/8, $0xbebbbd41c5d26bf1
DATA expc<>+144(SB)/8, $0x3f11566aaf25de2c
DATA expc<>+152(SB)/8, $0x3f11566aaf25de2c
DATA expc<>+160(SB)/8, $0xbf66c16c16bebd93
DATA expc<>+168(SB)/8, $0xbf66c16c16bebd93
DATA expc<>+176(SB)/8, $0x3fc5555555555555
DATA expc<>+184(SB)/8, $0x3fc5555555555555
DATA expc<>+192(SB)/8, $0x4000000000000000
DATA expc<>+200(SB)/8, $0x4000000000000000
DATA expc<>+208(SB)/8, $0x3ff0000000000000
DATA expc<>+216(SB)/8, $0x3ff0000000000000
GLOBL expc<>(SB), RODATA|NOPTR, $224

// func expPairs(dst, x []float64) int
TEXT ·expPairs(SB), NOSPLIT, $0-56
	MOVQ dst_base+0(FP), DI
	MOVQ x_base+24(FP), SI
	MOVQ x_len+32(FP), CX
	XORQ AX, AX
	MOVUPD expc<>+0(SB), X8
	MOVUPD expc<>+16(SB), X9
	MOVUPD expc<>+32(SB), X10
	MOVUPD expc<>+48(SB), X11
	MOVUPD expc<>+64(SB), X12
	MOVUPD expc<>+80(SB), X13
	MOVUPD expc<>+96(SB), X14
loop:
	LEAQ 2(AX), DX
	CMPQ DX, CX
	JGT done
	MOVUPD (SI)(AX*8), X0
	// Both in the common range: 2**-28 <= |x| <= 700 (false for NaN).
	MOVAPD X0, X1
	ANDPD X8, X1
	MOVAPD X9, X2
	CMPPD X1, X2, $2
	CMPPD X10, X1, $2
	ANDPD X1, X2
	MOVMSKPD X2, DX
	CMPQ DX, $3
	JNE done
	// k = int(log2e x + copysign(0.5, x)), truncated.
	MOVAPD X0, X1
	MULPD X11, X1
	MOVAPD X8, X2
	ANDNPD X0, X2
	ORPD X12, X2
	ADDPD X2, X1
	CVTTPD2PL X1, X1
	CVTPL2PD X1, X2
	// hi = x - k ln2hi (X0), lo = k ln2lo (X2), r = hi - lo (X3).
	MOVAPD X2, X3
	MULPD X13, X3
	SUBPD X3, X0
	MULPD X14, X2
	MOVAPD X0, X3
	SUBPD X2, X3
	// t = r r (X4), q = p1 + t (p2 + t (p3 + t (p4 + t p5))) (X5).
	MOVAPD X3, X4
	MULPD X3, X4
	MOVUPD expc<>+112(SB), X5
	MULPD X4, X5
	MOVUPD expc<>+128(SB), X6
	ADDPD X6, X5
	MULPD X4, X5
	MOVUPD expc<>+144(SB), X6
	ADDPD X6, X5
	MULPD X4, X5
	MOVUPD expc<>+160(SB), X6
	ADDPD X6, X5
	MULPD X4, X5
	MOVUPD expc<>+176(SB), X6
	ADDPD X6, X5
	// c = r - t q (X6).
	MULPD X4, X5
	MOVAPD X3, X6
	SUBPD X5, X6
	// y = 1 - ((lo - r c / (2 - c)) - hi) (X7).
	MULPD X6, X3
	MOVUPD expc<>+192(SB), X7
	SUBPD X6, X7
	DIVPD X7, X3
	SUBPD X3, X2
	SUBPD X0, X2
	MOVUPD expc<>+208(SB), X7
	SUBPD X2, X7
	// y 2**k: k added to the exponent field.
	PUNPCKLLQ X1, X1
	PSLLQ $52, X1
	PADDQ X1, X7
	MOVUPD X7, (DI)(AX*8)
	ADDQ $2, AX
	JMP loop
done:
	MOVQ AX, ret+48(FP)
	RET
