// An int8 model cut into single-operator models, each fed with what mote's
// interpreter (micro/nn) computed for that operator's input inside the
// whole model: so that a third-party runtime can be compared with micro/nn
// one operator at a time, without earlier operators' differences adding up.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/graph.h"
#include "optimize/quantize_test_util.h"

namespace mote::testing {

struct SingleOpCase {
  std::string name;             // "NETWORK operator K (TYPE)"
  model::Model model;           // the operator alone: input 0 its activation input, output 0 its output
  std::vector<uint8_t> inputs;  // micro/nn's values of that input, one row after the other
  std::vector<uint8_t> want;    // micro/nn's values of the operator's output for each row
};

// One case per operator of graph 0 of `m` (named after `network`) (every operator must read one
// activation tensor, input 0, and constants), for the int8 `rows` (whole
// inputs of graph input 0, one after the other). Intermediate values come
// from running the graph's prefix up to the tensor's producer in micro/nn.
// Fails the test (and returns what it has) on an error.
std::vector<SingleOpCase> SingleOpCases(const std::string& network, const model::Model& m,
                                        const std::vector<uint8_t>& rows);

// The cases of every network of `cases` that ends in SOFTMAX (the logits
// variants hold the same operators but that one).
std::vector<SingleOpCase> SingleOpCasesOf(const std::vector<QuantizedCase>& cases);

// Expects `runtime`'s int8 output `got` for `c` within 1 LSB of micro/nn's,
// after checking that micro/nn computes on the single-op model what it
// computed inside the whole one; prints how many values differ and by how
// much (ExpectWithinLsb).
void ExpectOperatorWithinOneLsb(const SingleOpCase& c, const std::vector<uint8_t>& got, const std::string& runtime);

}  // namespace mote::testing
