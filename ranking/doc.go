// Package ranking turns scores into ranks and grades and says how sure
// they are.
package ranking
