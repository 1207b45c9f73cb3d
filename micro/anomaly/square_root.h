// The square root of a float, correctly rounded (to nearest, ties never
// occur), in integer arithmetic only: the same bits on every target,
// whatever its libm or FPU does (micro/README.md's rule for values that
// must match host and device). IEEE 754 asks sqrt to be correctly rounded,
// so this equals a conforming sqrtf; tests/anomaly checks that it does.
#pragma once

namespace mote::anomaly {

// sqrt(x) for x >= 0 (subnormals included); +0, -0 and +infinity map to
// themselves; a negative x or a NaN gives a quiet NaN.
float SquareRoot(float x);

}  // namespace mote::anomaly
