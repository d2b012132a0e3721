#include "textflag.h"

// Packed SSE2 kernels of weightedSum (see sumcols_amd64.go): two units
// per instruction, each lane rounding exactly as the scalar code does
// (MULPD and ADDPD are the IEEE 754 operations that MULSD and ADDSD are;
// SSE2 is part of every amd64), adding the columns' products in the same
// order, so that the sums are the same bits (NaN payloads aside, which
// follow the operand order the compiler picks and reach no score: see
// TestSumColumnsSameBits). R14, R15 and X15 are not used.

// TERM2 adds w y[u], w y[u+1] (column pointer R, weight in both lanes of
// WX) to the sums in X8, each product rounded first.
#define TERM2(R, WX) MOVUPD (R)(AX*8), X9; MULPD WX, X9; ADDPD X9, X8

// TERM1 is TERM2 for unit u alone.
#define TERM1(R, WX) MOVSD (R)(AX*8), X9; MULSD WX, X9; ADDSD X9, X8


// func sumCols8(dst []float64, started bool, w *[8]float64, y *[8][]float64)
TEXT ·sumCols8(SB), NOSPLIT, $0-48
	MOVQ dst_base+0(FP), DI
	MOVQ dst_len+8(FP), CX
	MOVBQZX started+24(FP), DX
	MOVQ w+32(FP), SI
	MOVQ y+40(FP), BX
	MOVSD 0(SI), X0
	UNPCKLPD X0, X0
	MOVSD 8(SI), X1
	UNPCKLPD X1, X1
	MOVSD 16(SI), X2
	UNPCKLPD X2, X2
	MOVSD 24(SI), X3
	UNPCKLPD X3, X3
	MOVSD 32(SI), X4
	UNPCKLPD X4, X4
	MOVSD 40(SI), X5
	UNPCKLPD X5, X5
	MOVSD 48(SI), X6
	UNPCKLPD X6, X6
	MOVSD 56(SI), X7
	UNPCKLPD X7, X7
	MOVQ 0(BX), R8
	MOVQ 24(BX), R9
	MOVQ 48(BX), R10
	MOVQ 72(BX), R11
	MOVQ 96(BX), R12
	MOVQ 120(BX), R13
	MOVQ 144(BX), SI
	MOVQ 168(BX), BX
	SUBQ $1, CX
	XORQ AX, AX
	XORPD X10, X10
	TESTQ DX, DX
	JNE started
fresh:
	CMPQ AX, CX
	JGE freshtail
	MOVUPD (R8)(AX*8), X8
	MULPD X0, X8
	ADDPD X10, X8
	TERM2(R9, X1)
	TERM2(R10, X2)
	TERM2(R11, X3)
	TERM2(R12, X4)
	TERM2(R13, X5)
	TERM2(SI, X6)
	TERM2(BX, X7)
	MOVUPD X8, (DI)(AX*8)
	ADDQ $2, AX
	JMP fresh
freshtail:
	JNE done
	MOVSD (R8)(AX*8), X8
	MULSD X0, X8
	ADDSD X10, X8
	TERM1(R9, X1)
	TERM1(R10, X2)
	TERM1(R11, X3)
	TERM1(R12, X4)
	TERM1(R13, X5)
	TERM1(SI, X6)
	TERM1(BX, X7)
	MOVSD X8, (DI)(AX*8)
	RET
started:
	CMPQ AX, CX
	JGE startedtail
	MOVUPD (R8)(AX*8), X8
	MULPD X0, X8
	MOVUPD (DI)(AX*8), X10
	ADDPD X10, X8
	TERM2(R9, X1)
	TERM2(R10, X2)
	TERM2(R11, X3)
	TERM2(R12, X4)
	TERM2(R13, X5)
	TERM2(SI, X6)
	TERM2(BX, X7)
	MOVUPD X8, (DI)(AX*8)
	ADDQ $2, AX
	JMP started
startedtail:
	JNE done
	MOVSD (R8)(AX*8), X8
	MULSD X0, X8
	MOVSD (DI)(AX*8), X10
	ADDSD X10, X8
	TERM1(R9, X1)
	TERM1(R10, X2)
	TERM1(R11, X3)
	TERM1(R12, X4)
	TERM1(R13, X5)
	TERM1(SI, X6)
	TERM1(BX, X7)
	MOVSD X8, (DI)(AX*8)
	RET
done:
	RET

// func sumCols4(dst []float64, started bool, w *[4]float64, y *[4][]float64)
TEXT ·sumCols4(SB), NOSPLIT, $0-48
	MOVQ dst_base+0(FP), DI
	MOVQ dst_len+8(FP), CX
	MOVBQZX started+24(FP), DX
	MOVQ w+32(FP), SI
	MOVQ y+40(FP), BX
	MOVSD 0(SI), X0
	UNPCKLPD X0, X0
	MOVSD 8(SI), X1
	UNPCKLPD X1, X1
	MOVSD 16(SI), X2
	UNPCKLPD X2, X2
	MOVSD 24(SI), X3
	UNPCKLPD X3, X3
	MOVQ 0(BX), R8
	MOVQ 24(BX), R9
	MOVQ 48(BX), R10
	MOVQ 72(BX), R11
	SUBQ $1, CX
	XORQ AX, AX
	XORPD X10, X10
	TESTQ DX, DX
	JNE started
fresh:
	CMPQ AX, CX
	JGE freshtail
	MOVUPD (R8)(AX*8), X8
	MULPD X0, X8
	ADDPD X10, X8
	TERM2(R9, X1)
	TERM2(R10, X2)
	TERM2(R11, X3)
	MOVUPD X8, (DI)(AX*8)
	ADDQ $2, AX
	JMP fresh
freshtail:
	JNE done
	MOVSD (R8)(AX*8), X8
	MULSD X0, X8
	ADDSD X10, X8
	TERM1(R9, X1)
	TERM1(R10, X2)
	TERM1(R11, X3)
	MOVSD X8, (DI)(AX*8)
	RET
started:
	CMPQ AX, CX
	JGE startedtail
	MOVUPD (R8)(AX*8), X8
	MULPD X0, X8
	MOVUPD (DI)(AX*8), X10
	ADDPD X10, X8
	TERM2(R9, X1)
	TERM2(R10, X2)
	TERM2(R11, X3)
	MOVUPD X8, (DI)(AX*8)
	ADDQ $2, AX
	JMP started
startedtail:
	JNE done
	MOVSD (R8)(AX*8), X8
	MULSD X0, X8
	MOVSD (DI)(AX*8), X10
	ADDSD X10, X8
	TERM1(R9, X1)
	TERM1(R10, X2)
	TERM1(R11, X3)
	MOVSD X8, (DI)(AX*8)
	RET
done:
	RET

// func sumCols2(dst []float64, started bool, w *[2]float64, y *[2][]float64)
TEXT ·sumCols2(SB), NOSPLIT, $0-48
	MOVQ dst_base+0(FP), DI
	MOVQ dst_len+8(FP), CX
	MOVBQZX started+24(FP), DX
	MOVQ w+32(FP), SI
	MOVQ y+40(FP), BX
	MOVSD 0(SI), X0
	UNPCKLPD X0, X0
	MOVSD 8(SI), X1
	UNPCKLPD X1, X1
	MOVQ 0(BX), R8
	MOVQ 24(BX), R9
	SUBQ $1, CX
	XORQ AX, AX
	XORPD X10, X10
	TESTQ DX, DX
	JNE started
fresh:
	CMPQ AX, CX
	JGE freshtail
	MOVUPD (R8)(AX*8), X8
	MULPD X0, X8
	ADDPD X10, X8
	TERM2(R9, X1)
	MOVUPD X8, (DI)(AX*8)
	ADDQ $2, AX
	JMP fresh
freshtail:
	JNE done
	MOVSD (R8)(AX*8), X8
	MULSD X0, X8
	ADDSD X10, X8
	TERM1(R9, X1)
	MOVSD X8, (DI)(AX*8)
	RET
started:
	CMPQ AX, CX
	JGE startedtail
	MOVUPD (R8)(AX*8), X8
	MULPD X0, X8
	MOVUPD (DI)(AX*8), X10
	ADDPD X10, X8
	TERM2(R9, X1)
	MOVUPD X8, (DI)(AX*8)
	ADDQ $2, AX
	JMP started
startedtail:
	JNE done
	MOVSD (R8)(AX*8), X8
	MULSD X0, X8
	MOVSD (DI)(AX*8), X10
	ADDSD X10, X8
	TERM1(R9, X1)
	MOVSD X8, (DI)(AX*8)
	RET
done:
	RET

// func sumCols1(dst []float64, started bool, w *[1]float64, y *[1][]float64)
TEXT ·sumCols1(SB), NOSPLIT, $0-48
	MOVQ dst_base+0(FP), DI
	MOVQ dst_len+8(FP), CX
	MOVBQZX started+24(FP), DX
	MOVQ w+32(FP), SI
	MOVQ y+40(FP), BX
	MOVSD 0(SI), X0
	UNPCKLPD X0, X0
	MOVQ 0(BX), R8
	SUBQ $1, CX
	XORQ AX, AX
	XORPD X10, X10
	TESTQ DX, DX
	JNE started
fresh:
	CMPQ AX, CX
	JGE freshtail
	MOVUPD (R8)(AX*8), X8
	MULPD X0, X8
	ADDPD X10, X8
	MOVUPD X8, (DI)(AX*8)
	ADDQ $2, AX
	JMP fresh
freshtail:
	JNE done
	MOVSD (R8)(AX*8), X8
	MULSD X0, X8
	ADDSD X10, X8
	MOVSD X8, (DI)(AX*8)
	RET
started:
	CMPQ AX, CX
	JGE startedtail
	MOVUPD (R8)(AX*8), X8
	MULPD X0, X8
	MOVUPD (DI)(AX*8), X10
	ADDPD X10, X8
	MOVUPD X8, (DI)(AX*8)
	ADDQ $2, AX
	JMP started
startedtail:
	JNE done
	MOVSD (R8)(AX*8), X8
	MULSD X0, X8
	MOVSD (DI)(AX*8), X10
	ADDSD X10, X8
	MOVSD X8, (DI)(AX*8)
	RET
done:
	RET
