// The one list of SuperNet families. Adding a family: write its file in this folder (a Family
// subclass and a factory declared in family_rules.h) and add the factory here; everything else
// (parsing, help texts, error messages, image codes, outputs) derives from this list.
#include "family_rules.h"

namespace sushi::supernet {

const std::vector<const Family*>& registered_families() {
  // Registry order is the order names are listed in and the order Arch values sort in.
  static const std::vector<const Family*> families = {
      &detail::ofa_resnet50_family(),
      &detail::ofa_mbv3_w10_family(),
      &detail::ofa_mbv3_w12_family(),
  };
  return families;
}

}  // namespace sushi::supernet
