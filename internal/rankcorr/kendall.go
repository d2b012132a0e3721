// Package rankcorr counts the pairs behind Kendall's rank correlation for
// the packages that compute it (ranking's Kendall with its p-values,
// weighting's coherence), which may not import each other.
package rankcorr

import "slices"

// KendallCounts returns the numbers of concordant and discordant pairs
// of (x, y) and of pairs tied in x and in y (ties in both counted in
// each) by Knight's O(n log n) method [1]: sort the units by x, then y;
// the discordant pairs are then the inversions of y in that order,
// counted while merge-sorting it, and
//
//	C = n0 - n1 - n2 + n3 - D
//
// with n0 = n(n-1)/2, n1 and n2 the pairs tied in x and in y, and n3 those
// tied in both. The counts are those of comparing every pair; x and y
// must hold no NaN or infinity, and have the same length.
//
// [1]: W. R. Knight (1966), A computer method for calculating Kendall's
// tau with ungrouped data, JASA 61, 436-439.
func KendallCounts(x, y []float64) (c, d, tx, ty int64) {
	n := len(x)
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
	}
	slices.SortFunc(idx, func(a, b int) int {
		switch {
		case x[a] < x[b]:
			return -1
		case x[a] > x[b]:
			return 1
		case y[a] < y[b]:
			return -1
		case y[a] > y[b]:
			return 1
		}
		return 0
	})
	pairs := func(t int) int64 { return int64(t) * int64(t-1) / 2 }
	var txy int64
	for i := 0; i < n; {
		j := i + 1
		for j < n && x[idx[j]] == x[idx[i]] {
			j++
		}
		tx += pairs(j - i)
		for k := i; k < j; {
			l := k + 1
			for l < j && y[idx[l]] == y[idx[k]] {
				l++
			}
			txy += pairs(l - k)
			k = l
		}
		i = j
	}
	ys := make([]float64, n)
	for i, k := range idx {
		ys[i] = y[k]
	}
	d = inversions(ys, make([]float64, n))
	for i := 0; i < n; {
		j := i + 1
		for j < n && ys[j] == ys[i] {
			j++
		}
		ty += pairs(j - i)
		i = j
	}
	c = pairs(n) - tx - ty + txy - d
	return c, d, tx, ty
}

// inversions sorts v (using buf, of the same length, as work space) and
// returns the number of pairs i < j with v[i] > v[j], by merge sort.
func inversions(v, buf []float64) int64 {
	n := len(v)
	if n < 2 {
		return 0
	}
	h := n / 2
	inv := inversions(v[:h], buf[:h]) + inversions(v[h:], buf[h:])
	i, j, k := 0, h, 0
	for i < h && j < n {
		if v[j] < v[i] {
			// v[j] is below every v[i..h-1]: h-i inversions.
			inv += int64(h - i)
			buf[k] = v[j]
			j++
		} else {
			buf[k] = v[i]
			i++
		}
		k++
	}
	k += copy(buf[k:], v[i:h])
	copy(buf[k:], v[j:])
	copy(v, buf)
	return inv
}
