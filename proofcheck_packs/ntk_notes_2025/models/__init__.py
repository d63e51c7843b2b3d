"""The notes' models: the linear least-squares problem of the linearized network in an overparametrized
basis (``least_squares``) and a smooth model whose gradient is beta-Lipschitz with beta bounded rigorously
(``smooth``: a quadratic part plus a layer of tanh units)."""
