// Eigen views of Tensor data: the ops' matrix products run on Eigen
// (single-threaded inside each shard; the ops split work over the batch).
#pragma once

#include <cstdint>

#include <Eigen/Core>

namespace mote::train {

template <typename T>
using RowMajorMatrix = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
template <typename T>
using MatrixView = Eigen::Map<RowMajorMatrix<T>>;
template <typename T>
using ConstMatrixView = Eigen::Map<const RowMajorMatrix<T>>;
template <typename T>
using RowVectorView = Eigen::Map<Eigen::Matrix<T, 1, Eigen::Dynamic>>;
template <typename T>
using ConstRowVectorView = Eigen::Map<const Eigen::Matrix<T, 1, Eigen::Dynamic>>;

}  // namespace mote::train
