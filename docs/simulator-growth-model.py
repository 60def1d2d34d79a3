# Expected yearly order growth of the simulator's BG/NBD store for a warm-up of W years (numerical integration).
import numpy as np
from scipy import integrate, stats

D = 365.2425

def repeats_after(tau, r, alpha, a, b):  # G(tau) = E[(1/p) (alpha / (alpha + p tau))^r]
    return integrate.quad(lambda p: (alpha / (alpha + p * tau)) ** r / p * stats.beta.pdf(p, a, b), 0, 1, limit=200)[0]

def k(j, prof):  # expected orders in the j-th year after the acquisition year, acquisition uniform in its year
    u = (np.arange(200) + 0.5) / 200
    if j == 0:
        return 1 + np.mean([repeats_after(0, *prof) - repeats_after((1 - x) * D, *prof) for x in u])
    return np.mean([repeats_after((j - x) * D, *prof) - repeats_after((j + 1 - x) * D, *prof) for x in u])

g = 1.15
for name, prof in [("default", (2.0, 240, 2.5, 2.0)), ("olist-like", (0.05, 400, 2.0, 3.0))]:
    ks = [k(j, prof) for j in range(16)]
    print(name, "k(j) =", " ".join("%.3f" % x for x in ks[:8]), "...")
    s = np.cumsum([ks[j] * g ** -j for j in range(16)])
    for w in (0, 1, 2, 3, 5, 10):
        print("  warm-up %2d: growth of years 2-5 %s" % (w, " ".join("%.1f%%" % (100 * (g * s[y + 1 + w] / s[y + w] - 1)) for y in range(4))))
