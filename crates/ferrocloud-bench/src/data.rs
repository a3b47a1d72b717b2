//! Deterministic pseudo-random object data, generated as a stream.

use bytes::Bytes;
use futures::Stream;

/// The size of the generated chunks (divides every segment size in MiB).
pub(crate) const CHUNK: usize = 256 * 1024;

/// SplitMix64: fast and good enough for incompressible test data.
pub(crate) struct Gen(u64);

impl Gen {
    pub(crate) fn new() -> Self {
        Gen(0x5EED_F00D_CAFE_BEEF)
    }

    /// Fills `buf`, whose length is a multiple of 8 except possibly for the last call.
    pub(crate) fn fill(&mut self, buf: &mut [u8]) {
        for c in buf.chunks_mut(8) {
            self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = self.0;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^= z >> 31;
            c.copy_from_slice(&z.to_le_bytes()[..c.len()]);
        }
    }
}

/// `total` bytes as a stream of [`CHUNK`]-sized chunks, generated as they are polled.
pub(crate) fn stream(total: u64) -> impl Stream<Item = std::io::Result<Bytes>> + Send + 'static {
    futures::stream::unfold((0u64, Gen::new()), move |(sent, mut gen)| async move {
        if sent >= total {
            return None;
        }
        let n = usize::try_from((total - sent).min(CHUNK as u64)).unwrap_or(CHUNK);
        let mut buf = vec![0u8; n];
        gen.fill(&mut buf);
        Some((Ok(Bytes::from(buf)), (sent + n as u64, gen)))
    })
}

/// Writes the same `total` bytes to a file (for curl).
pub(crate) fn write_file(path: &std::path::Path, total: u64) -> std::io::Result<()> {
    use std::io::Write;
    let mut f = std::io::BufWriter::with_capacity(CHUNK, std::fs::File::create(path)?);
    let mut gen = Gen::new();
    let mut buf = vec![0u8; CHUNK];
    let mut left = total;
    while left > 0 {
        let n = usize::try_from(left.min(CHUNK as u64)).unwrap_or(CHUNK);
        gen.fill(&mut buf[..n]);
        f.write_all(&buf[..n])?;
        left -= n as u64;
    }
    f.flush()
}
