// Per-window mean normalization (cepstral mean normalization, CMN): each
// feature column minus its mean over the window's frames. A fixed filter on
// the way from speaker to microphone (a voice's timbre, a microphone's tilt,
// a band limit) adds a constant to every frame's log-mel energies, hence to
// its cepstra; subtracting the window's mean takes it out, so the model sees
// how the spectrum moves rather than where a voice or channel puts it.
//
// Both forms compute the same value on every IEEE-754 target: the float one
// sums each column in frame order in float and divides once, and the int16
// one works in exact integers.
#pragma once

#include <cstdint>

namespace mote::dsp {

// rows: frames x features, row-major, in place. Column j loses
// (sum over t of rows[t][j] in frame order, in float) / frames.
// Nothing happens when frames == 0.
void SubtractWindowMean(float* rows, uint32_t frames, uint32_t features);

// The same on int16 features: column j loses its sum over the frames divided
// by frames, rounded to nearest with ties away from zero; results saturate
// to [-32768, 32767].
void SubtractWindowMean(int16_t* rows, uint32_t frames, uint32_t features);

}  // namespace mote::dsp
