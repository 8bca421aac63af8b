"""xavier_init passes the variance 1 / n_in as rng.normal's scale, which is the standard deviation."""
CAUGHT_BY = ["xavier_std", "draws_look_normal[xavier_init]", "same_seed_same_weights", "uses_the_given_rng",
             "matches_reference_distribution[xavier_init]"]
MISTAKE = "Your xavier_init passes the variance 1 / n_in as rng.normal's scale, which is the standard deviation: use scale=np.sqrt(1 / n_in)."
PASSES = ["he_std", "shape_and_dtype"]


def xavier_init(n_in, n_out, rng):
    return rng.normal(0.0, 1.0 / n_in, size=(n_in, n_out))
