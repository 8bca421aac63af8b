"""Same mistake as xavier_variance_as_scale, written another way: standard normal draws multiplied by
the variance 1 / n_in (instead of its square root), rather than passed as rng.normal's scale."""
CAUGHT_BY = ["xavier_std", "draws_look_normal[xavier_init]", "same_seed_same_weights", "uses_the_given_rng",
             "matches_reference_distribution[xavier_init]"]
MISTAKE = "Your xavier_init passes the variance 1 / n_in as rng.normal's scale, which is the standard deviation: use scale=np.sqrt(1 / n_in)."
PASSES = ["he_std", "shape_and_dtype"]


def xavier_init(n_in, n_out, rng):
    variance = 1.0 / n_in
    z = rng.standard_normal(size=(n_in, n_out))
    return z * variance
