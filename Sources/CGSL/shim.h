// GNU GSL for Swift. Swift 6 rejects references to mutable C globals such as gsl_rng_mt19937,
// so the generator types are exposed through static inline accessors.
#ifndef NINES_CGSL_SHIM_H
#define NINES_CGSL_SHIM_H
#include <gsl/gsl_errno.h>
#include <gsl/gsl_math.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_sf_gamma.h>
#include <gsl/gsl_sf_log.h>
#include <gsl/gsl_sf_exp.h>
#include <gsl/gsl_sf_pow_int.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_vector.h>
#include <gsl/gsl_permutation.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_blas.h>
#include <gsl/gsl_statistics_double.h>
#include <gsl/gsl_sort.h>

static inline const gsl_rng_type *nines_gsl_rng_mt19937(void) { return gsl_rng_mt19937; }
#endif
