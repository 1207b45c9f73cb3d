#include "cli/sample_selection.h"

namespace mote {

void SampleSelection::AddOptions(CLI::App* sub) {
  sub->add_option("--id", ids, "Sample ids (repeatable, or comma-separated)")->delimiter(',');
  sub->add_option("--label", labels, "Samples with this label (repeatable)");
  sub->add_option("--split", split, "Samples in this split")->check(CLI::IsMember({"train", "test"}));
  sub->add_option("--query", query,
                  "Terms joined by AND: id=3 id=5..9 label=L split=test source~GLOB hash=PREFIX excluded=1");
}

Result<SampleFilter> SampleSelection::Filter() const {
  MOTE_ASSIGN_OR_RETURN(SampleFilter f, ParseSampleQuery(query));
  f.ids.insert(f.ids.end(), ids.begin(), ids.end());
  f.labels.insert(f.labels.end(), labels.begin(), labels.end());
  if (!split.empty()) f.split = SplitFromName(split);
  return f;
}

}  // namespace mote
