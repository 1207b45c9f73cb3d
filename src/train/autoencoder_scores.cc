#include "train/autoencoder_scores.h"

namespace mote::train {

Result<std::vector<double>> ReconstructionErrors(Model<float>* model, const Examples& rows, int64_t batch_size,
                                                 int threads) {
  if (model->output_shape() != model->input_shape()) {
    return Status::InvalidArgument("reconstruction errors need a model whose output is shaped as its input (" +
                                   ShapeString(model->input_shape()) + " in, " + ShapeString(model->output_shape()) +
                                   " out)");
  }
  Examples unlabelled{rows.shape, rows.features, {}};
  Trainer trainer(model, {.batch_size = batch_size, .threads = threads, .objective = Objective::kReconstruction});
  MOTE_ASSIGN_OR_RETURN(Evaluation e, trainer.Evaluate(unlabelled));
  return std::move(e.reconstruction_errors);
}

}  // namespace mote::train
