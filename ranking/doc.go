package ranking
