//! Placeholder reader: not written yet.

use super::{Input, Records};
use crate::error::{Error, ErrorKind, Location};

/// Records of this format (not yet supported).
pub(super) fn records(_input: Input, file: String) -> Records {
    Box::new(std::iter::once(Err(
        Error::new(ErrorKind::UnknownFormat, "format not supported yet").at(Location::file(file))
    )))
}
