// A model (or any blob) as C++ source for flash: a 16-byte aligned const
// array and its length, for `mote export --format c-array`.
#pragma once

#include <string>
#include <string_view>

namespace mote::model {

struct CArraySource {
  std::string header;  // declares `symbol` and `symbol_len` (C linkage)
  std::string source;  // defines them; includes `header_name`
};

// True if `name` is a C identifier (letters, digits, '_'; not starting with
// a digit) that is not reserved (does not start with '_' + capital or "__").
bool IsCIdentifier(std::string_view name);

// A C identifier made from `text` (a file stem): other characters become
// '_', and one starting with a digit (or empty) gets "model_" in front.
std::string CIdentifierFrom(std::string_view text);

// `symbol` must satisfy IsCIdentifier. `origin` is a one-line note for the
// header comment (e.g. the source file's name and hash).
CArraySource MakeCArray(std::string_view bytes, const std::string& symbol, const std::string& header_name,
                        const std::string& origin);

}  // namespace mote::model
