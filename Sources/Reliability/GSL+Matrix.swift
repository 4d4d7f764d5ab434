import CGSL

/// Dense linear algebra through GSL on row-major `[Double]` square matrices.
extension GSL {
    /// Copies a row-major `n × n` array into a freshly allocated GSL matrix; the caller frees it.
    private static func matrix(_ values: [Double], _ n: Int) -> UnsafeMutablePointer<gsl_matrix> {
        precondition(values.count == n * n && n > 0)
        let m = gsl_matrix_alloc(n, n)!
        for i in 0..<n {
            for j in 0..<n { gsl_matrix_set(m, i, j, values[i * n + j]) }
        }
        return m
    }

    /// Solves `A x = b` by LU decomposition with partial pivoting (`gsl_linalg_LU_decomp`,
    /// `gsl_linalg_LU_solve`). A singular `A` is a thrown ``GSLError``, never an abort.
    static func solve(_ a: [Double], _ n: Int, _ b: [Double]) throws(GSLError) -> [Double] {
        prepare()
        precondition(b.count == n)
        let m = matrix(a, n)
        let permutation = gsl_permutation_alloc(n)!
        let rhs = gsl_vector_alloc(n)!
        let x = gsl_vector_alloc(n)!
        defer {
            gsl_matrix_free(m)
            gsl_permutation_free(permutation)
            gsl_vector_free(rhs)
            gsl_vector_free(x)
        }
        for i in 0..<n { gsl_vector_set(rhs, i, b[i]) }
        var signum: Int32 = 0
        try check(gsl_linalg_LU_decomp(m, permutation, &signum), "gsl_linalg_LU_decomp")
        // GSL's LU_decomp succeeds on exactly singular matrices; LU_solve then reports GSL_EDOM.
        try check(gsl_linalg_LU_solve(m, permutation, rhs, x), "gsl_linalg_LU_solve")
        let solution = (0..<n).map { gsl_vector_get(x, $0) }
        guard solution.allSatisfy(\.isFinite) else {
            throw GSLError(status: Int32(GSL_ESING), routine: "gsl_linalg_LU_solve")
        }
        return solution
    }

    /// The matrix exponential `e^A` by scaling and squaring (`gsl_linalg_exponential_ss`, double
    /// precision mode). Its error is absolute, about machine epsilon times ‖A‖, so tiny entries of the
    /// result carry few correct digits.
    static func exponential(_ a: [Double], _ n: Int) throws(GSLError) -> [Double] {
        prepare()
        let m = matrix(a, n)
        let result = gsl_matrix_alloc(n, n)!
        defer {
            gsl_matrix_free(m)
            gsl_matrix_free(result)
        }
        try check(
            gsl_linalg_exponential_ss(m, result, gsl_mode_t(GSL_PREC_DOUBLE)), "gsl_linalg_exponential_ss")
        var values = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            for j in 0..<n { values[i * n + j] = gsl_matrix_get(result, i, j) }
        }
        return values
    }
}
