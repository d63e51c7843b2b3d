"""The pieces of a flow step (CERTIFY.md, section 2): the path length's Taylor models contain scipy's
quadrature at tight tolerance and a closed form, and a changed step length moves the ball off the value."""
import flint
import numpy as np
from scipy.integrate import quad

from proofcheck.numerics import flow_steps
from proofcheck.numerics.arb import arb_prec

BITS = 170


def test_the_speed_integral_contains_a_closed_form_and_scipys_quadrature():
    with arb_prec(BITS):
        line = [flint.arb_poly([1, 3]), flint.arb_poly([0, -4])]  # z' = (3, -4): speed 5
        assert flow_steps.speed_integral(line, flint.arb("0.5")).contains(flint.arb("2.5"))
        z = [flint.arb_poly([0, 1, -2, "0.5"]), flint.arb_poly([1, "0.25", 3]), flint.arb_poly([0, 0, 0, 1])]
        h = flint.arb("0.75")
        ball = flow_steps.speed_integral(z, h)
        coeffs = [[float(c) for c in p.coeffs()] for p in z]
        speed = lambda t: np.linalg.norm([sum(k * c[k] * t ** (k - 1) for k in range(1, len(c))) for c in coeffs])  # noqa: E731
        ref, _ = quad(speed, 0, 0.75, epsabs=1e-13, epsrel=1e-13, limit=200)
        assert abs(float(ball.mid()) - ref) < 1e-12 and float(ball.rad()) < 2.0 ** -(BITS // 3)  # the pieces halve to this width
        shorter = flow_steps.speed_integral(z, flint.arb("0.75") - flint.arb(10) ** -15)
        assert not shorter.overlaps(ball)


def test_the_speed_integral_of_a_path_that_stops_is_still_enclosed():
    with arb_prec(BITS):
        z = [flint.arb_poly([0, -1, 1]), flint.arb_poly([0])]  # z' = 2t - 1 vanishes at t = 1/2: int |2t - 1| = 1/2
        ball = flow_steps.speed_integral(z, flint.arb(1))
        assert ball.contains(flint.arb("0.5")) and float(ball.rad()) < 0.2
