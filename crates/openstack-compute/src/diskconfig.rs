//! The disk configuration extension (`OS-DCF:diskConfig`): how the root disk is partitioned
//! when a server is created, rebuilt or resized. [`crate::servers::CreateOpts::disk_config`],
//! [`crate::actions::RebuildOpts::disk_config`] and [`crate::actions::ResizeOpts::disk_config`]
//! send it; [`crate::servers::Server::disk_config`] reads it back.

use crate::util::open_enum;

open_enum! {
    /// The `OS-DCF:diskConfig` value.
    pub enum DiskConfig {
        /// The root partition is expanded to fill the disk, and the file system resized.
        Auto => "AUTO",
        /// The disk is left as the image built it.
        Manual => "MANUAL",
    }
}
