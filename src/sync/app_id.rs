//! Which application a sealed value that fails to open under task data's id was meant for,
//! found from its authentication tag in one pass over the value, with no further decryption.
//!
//! The application id is the first byte of the 17-byte additional data that ChaCha20-Poly1305
//! authenticates. Poly1305 is a polynomial over the prime `p = 2^130 - 5` evaluated at the
//! secret point `r`, one term per 16-byte block, so changing that byte by `d` changes the
//! accumulator by exactly `d · r^k mod p` (`k` blocks in all). One Poly1305 pass with the
//! task-data id therefore gives the tag for every other id: `tag_1 + d · r^k`, give or take one
//! `p` that the final reduction may have taken off. Pure arithmetic; it knows nothing of servers.

use chacha20::ChaCha20;
use chacha20::cipher::{KeyIvInit, StreamCipher};
use poly1305::Poly1305;
use poly1305::universal_hash::{KeyInit, UniversalHash};

/// A number below 2^192 as three little-endian 64-bit limbs; values here stay below 2^131.
type Limbs = [u64; 3];

/// `p = 2^130 - 5`.
const P: Limbs = [0xFFFF_FFFF_FFFF_FFFB, 0xFFFF_FFFF_FFFF_FFFF, 3];

/// The application id whose additional data, `[id][version: 16]` as the envelope lays it
/// out, authenticates `ciphertext` with `tag` under `key` and `nonce`, if any does. Every id
/// is checked by arithmetic on one Poly1305 pass, not by decrypting.
pub(super) fn find_application(
    key: &[u8; 32],
    nonce: &[u8; 12],
    version: &[u8; 16],
    ciphertext: &[u8],
    tag: &[u8; 16],
) -> Option<u8> {
    // The one-time Poly1305 key is the first 32 bytes of ChaCha20's keystream (block 0).
    let mut one_time = [0u8; 32];
    ChaCha20::new(key.into(), nonce.into()).apply_keystream(&mut one_time);

    // The tag the value would have with application id 0.
    let mut aad = [0u8; 17];
    aad[1..].copy_from_slice(version);
    let mut mac = Poly1305::new((&one_time).into());
    mac.update_padded(&aad);
    mac.update_padded(ciphertext);
    let mut lengths = [0u8; 16];
    lengths[..8].copy_from_slice(&(aad.len() as u64).to_le_bytes());
    lengths[8..].copy_from_slice(&(ciphertext.len() as u64).to_le_bytes());
    mac.update_padded(&lengths);
    let base_tag = u128::from_le_bytes(mac.finalize().into());

    // r, clamped as Poly1305 clamps it, raised to the number of blocks the first one is
    // multiplied by: every block of the padded additional data, ciphertext and lengths.
    let mut r_bytes = [0u8; 16];
    r_bytes.copy_from_slice(&one_time[..16]);
    let r = u128::from_le_bytes(r_bytes) & 0x0fff_fffc_0fff_fffc_0fff_fffc_0fff_ffff;
    let blocks = aad.len().div_ceil(16) + ciphertext.len().div_ceil(16) + 1;
    let step = pow_mod(from_u128(r), blocks as u64);

    let wanted = u128::from_le_bytes(*tag);
    (0..=u8::MAX).find(|&id| {
        let diff = low_128(mul_mod(step, [u64::from(id), 0, 0]));
        let tag = base_tag.wrapping_add(diff);
        // Either the change needed no extra reduction, or one more p (≡ -5 mod 2^128) came off.
        tag == wanted || (id != 0 && tag.wrapping_add(5) == wanted)
    })
}

fn from_u128(x: u128) -> Limbs {
    [x as u64, (x >> 64) as u64, 0]
}

fn low_128(x: Limbs) -> u128 {
    u128::from(x[0]) | (u128::from(x[1]) << 64)
}

/// `base^exp mod p`.
fn pow_mod(base: Limbs, mut exp: u64) -> Limbs {
    let mut result: Limbs = [1, 0, 0];
    let mut square = reduce([base[0], base[1], base[2], 0, 0, 0]);
    while exp > 0 {
        if exp & 1 == 1 {
            result = mul_mod(result, square);
        }
        square = mul_mod(square, square);
        exp >>= 1;
    }
    result
}

/// `a · b mod p` for `a, b < 2^131`.
fn mul_mod(a: Limbs, b: Limbs) -> Limbs {
    let mut wide = [0u64; 6];
    for i in 0..3 {
        let mut carry = 0u128;
        for j in 0..3 {
            let t = u128::from(wide[i + j]) + u128::from(a[i]) * u128::from(b[j]) + carry;
            wide[i + j] = t as u64;
            carry = t >> 64;
        }
        wide[i + 3] = carry as u64;
    }
    reduce(wide)
}

/// `x mod p`, folding the bits above 2^130 down with `2^130 ≡ 5`.
fn reduce(mut x: [u64; 6]) -> Limbs {
    loop {
        let high = [
            (x[2] >> 2) | (x[3] << 62),
            (x[3] >> 2) | (x[4] << 62),
            (x[4] >> 2) | (x[5] << 62),
            x[5] >> 2,
        ];
        if high == [0; 4] {
            break;
        }
        let mut folded = [x[0], x[1], x[2] & 3, 0, 0, 0];
        let mut carry = 0u128;
        for (i, limb) in folded.iter_mut().enumerate() {
            let h = high.get(i).copied().unwrap_or(0);
            let t = u128::from(*limb) + u128::from(h) * 5 + carry;
            *limb = t as u64;
            carry = t >> 64;
        }
        x = folded;
    }
    let mut r = [x[0], x[1], x[2]];
    if !less_than(r, P) {
        let mut borrow = 0u64;
        for (limb, p) in r.iter_mut().zip(P) {
            let (d, b1) = limb.overflowing_sub(p);
            let (d, b2) = d.overflowing_sub(borrow);
            *limb = d;
            borrow = u64::from(b1 || b2);
        }
    }
    r
}

fn less_than(a: Limbs, b: Limbs) -> bool {
    for i in (0..3).rev() {
        if a[i] != b[i] {
            return a[i] < b[i];
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arithmetic_mod_p() {
        // 2^130 ≡ 5, so 2^129 · 4 = 2^131 ≡ 10.
        assert_eq!(mul_mod([0, 0, 2], [4, 0, 0]), [10, 0, 0]);
        // p itself and p + 1 reduce to 0 and 1.
        assert_eq!(reduce([P[0], P[1], P[2], 0, 0, 0]), [0, 0, 0]);
        assert_eq!(reduce([P[0] + 1, P[1], P[2], 0, 0, 0]), [1, 0, 0]);
        // (p - 1)^2 = 1.
        let minus_one = [P[0] - 1, P[1], P[2]];
        assert_eq!(mul_mod(minus_one, minus_one), [1, 0, 0]);
        // x^(p-1) = 1 (Fermat) for a few x: checks the power and the reduction together.
        let p_minus_1 = low_128(P) - 1; // p - 1 mod 2^128; the exponent's top bits below
        for x in [2u128, 3, 0x1234_5678_9abc_def0, u128::MAX >> 4] {
            // x^(p-1) = x^(2^128 · 3 + (p-1 mod 2^128)) = (x^(2^128))^3 · x^(p_minus_1 parts)
            let mut e = pow_by_u128(from_u128(x), p_minus_1);
            let mut big = from_u128(x);
            for _ in 0..128 {
                big = mul_mod(big, big);
            }
            e = mul_mod(e, mul_mod(big, mul_mod(big, big)));
            assert_eq!(e, [1, 0, 0], "x = {x:#x}");
        }
    }

    fn pow_by_u128(base: Limbs, exp: u128) -> Limbs {
        let high = pow_mod(base, (exp >> 64) as u64);
        let mut shifted = high;
        for _ in 0..64 {
            shifted = mul_mod(shifted, shifted);
        }
        mul_mod(shifted, pow_mod(base, exp as u64))
    }
}
