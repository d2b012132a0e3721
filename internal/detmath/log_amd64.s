#include "textflag.h"

// logPairs in packed SSE2: the steps of LogTo (logSplit, logR, logEnd)
// for two arguments per instruction, each lane the same IEEE operations
// in the same order as Log's path for positive normal numbers, so that
// the results are Log's bits (TestBatchSameBits). The constants are two
// copies each.
DATA logc<>+0(SB)/8, $0x0010000000000000
DATA logc<>+8(SB)/8, $0x0010000000000000
DATA logc<>+16(SB)/8, $0x7ff0000000000000
DATA logc<>+24(SB)/8, $0x7ff0000000000000
DATA logc<>+32(SB)/8, $0x000fffffffffffff
DATA logc<>+40(SB)/8, $0x000fffffffffffff
DATA logc<>+48(SB)/8, $0x3ff0000000000000
DATA logc<>+56(SB)/8, $0x3ff0000000000000
DATA logc<>+64(SB)/8, $0x3ff6a09e667f3bcd
DATA logc<>+72(SB)/8, $0x3ff6a09e667f3bcd
DATA logc<>+80(SB)/8, $0x0010000000000000
DATA logc<>+88(SB)/8, $0x0010000000000000
DATA logc<>+96(SB)/8, $0x3fe0000000000000
DATA logc<>+104(SB)/8, $0x3fe0000000000000
DATA logc<>+112(SB)/8, $0x408ff00000000000
DATA logc<>+120(SB)/8, $0x408ff00000000000
DATA logc<>+128(SB)/8, $0x4000000000000000
DATA logc<>+136(SB)/8, $0x4000000000000000
DATA logc<>+144(SB)/8, $0x3fe0000000000000
DATA logc<>+152(SB)/8, $0x3fe0000000000000
DATA logc<>+160(SB)/8, $0x3fe5555555555593
DATA logc<>+168(SB)/8, $0x3fe5555555555593
DATA logc<>+176(SB)/8, $0x3fd999999997fa04
DATA logc<>+184(SB)/8, $0x3fd999999997fa04
DATA logc<>+192(SB)/8, $0x3fd2492494229359
DATA logc<>+200(SB)/8, $0x3fd2492494229359
DATA logc<>+208(SB)/8, $0x3fcc71c51d8e78af
DATA logc<>+216(SB)/8, $0x3fcc71c51d8e78af
DATA logc<>+224(SB)/8, $0x3fc7466496cb03de
DATA logc<>+232(SB)/8, $0x3fc7466496cb03de
DATA logc<>+240(SB)/8, $0x3fc39a09d078c69f
DATA logc<>+248(SB)/8, $0x3fc39a09d078c69f
DATA logc<>+256(SB)/8, $0x3fc2f112df3e5244
DATA logc<>+264(SB)/8, $0x3fc2f112df3e5244
DATA logc<>+272(SB)/8, $0x3fe62e42fee00000
DATA logc<>+280(SB)/8, $0x3fe62e42fee00000
DATA logc<>+288(SB)/8, $0x3dea39ef35793c76
DATA logc<>+296(SB)/8, $0x3dea39ef35793c76
GLOBL logc<>(SB), RODATA|NOPTR, $304

// func logPairs(dst, x []float64) int
TEXT ·logPairs(SB), NOSPLIT, $0-56
	MOVQ dst_base+0(FP), DI
	MOVQ x_base+24(FP), SI
	MOVQ x_len+32(FP), CX
	XORQ AX, AX
	MOVUPD logc<>+32(SB), X12
	MOVUPD logc<>+64(SB), X13
	MOVUPD logc<>+48(SB), X14
loop:
	LEAQ 2(AX), DX
	CMPQ DX, CX
	JGT done
	MOVUPD (SI)(AX*8), X0
	// Both positive, normal and finite (false for NaN).
	MOVUPD logc<>+0(SB), X1
	CMPPD X0, X1, $2
	MOVAPD X0, X2
	MOVUPD logc<>+16(SB), X3
	CMPPD X3, X2, $1
	ANDPD X2, X1
	MOVMSKPD X1, DX
	CMPQ DX, $3
	JNE done
	// m = fraction field (X1); X3 = m < sqrtHalfFrac, compared as 1.m.
	MOVAPD X0, X1
	ANDPD X12, X1
	MOVAPD X1, X3
	ORPD X14, X3
	CMPPD X13, X3, $1
	// f = (m | exponent field of [0.5, 1), or of [1, 2) where X3) - 1 (X4).
	MOVAPD X3, X4
	MOVUPD logc<>+80(SB), X2
	ANDPD X2, X4
	MOVUPD logc<>+96(SB), X2
	ORPD X2, X4
	ORPD X1, X4
	SUBPD X14, X4
	// k = (exponent field - 1022) - (1 where X3) (X5).
	MOVAPD X0, X5
	PSRLQ $52, X5
	PSHUFD $0x08, X5, X5
	CVTPL2PD X5, X5
	MOVUPD logc<>+112(SB), X2
	SUBPD X2, X5
	ANDPD X14, X3
	SUBPD X3, X5
	// s = f / (2 + f) (X7).
	MOVUPD logc<>+128(SB), X6
	ADDPD X4, X6
	MOVAPD X4, X7
	DIVPD X6, X7
	// z = s s (X6), w = z z (X8).
	MOVAPD X7, X6
	MULPD X7, X6
	MOVAPD X6, X8
	MULPD X6, X8
	// a = l1 + w (l3 + w (l5 + w l7)) (X9), c = l2 + w (l4 + w l6) (X10).
	MOVUPD logc<>+256(SB), X9
	MULPD X8, X9
	MOVUPD logc<>+224(SB), X2
	ADDPD X2, X9
	MOVUPD logc<>+240(SB), X10
	MULPD X8, X10
	MOVUPD logc<>+208(SB), X2
	ADDPD X2, X10
	MULPD X8, X9
	MOVUPD logc<>+192(SB), X2
	ADDPD X2, X9
	MULPD X8, X10
	MOVUPD logc<>+176(SB), X2
	ADDPD X2, X10
	MULPD X8, X9
	MOVUPD logc<>+160(SB), X2
	ADDPD X2, X9
	// R = z a + w c (X9).
	MULPD X6, X9
	MULPD X8, X10
	ADDPD X10, X9
	// hfsq = (0.5 f) f (X10); inner = s (hfsq + R) + k ln2lo (X9).
	MOVUPD logc<>+144(SB), X10
	MULPD X4, X10
	MULPD X4, X10
	ADDPD X10, X9
	MULPD X7, X9
	MOVUPD logc<>+288(SB), X2
	MULPD X5, X2
	ADDPD X2, X9
	// k ln2hi - ((hfsq - inner) - f).
	SUBPD X9, X10
	SUBPD X4, X10
	MOVUPD logc<>+272(SB), X2
	MULPD X5, X2
	SUBPD X10, X2
	MOVUPD X2, (DI)(AX*8)
	ADDQ $2, AX
	JMP loop
done:
	MOVQ AX, ret+48(FP)
	RET
