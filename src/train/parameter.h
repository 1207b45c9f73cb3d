// A model's trainable tensor with its name and whether weight decay / L2
// regularisation applies to it (weights yes; biases and batch-norm
// parameters no, as is usual).
#pragma once

#include <string>

#include "train/autograd.h"

namespace mote::train {

template <typename T>
struct NamedParameter {
  std::string name;  // "<layer>/kernel", "<layer>/bias", "<layer>/gamma", "<layer>/beta"
  Var<T> var;
  bool decay = true;
};

using Parameter = NamedParameter<float>;

}  // namespace mote::train
