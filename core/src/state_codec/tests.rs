//! The layout worked out by hand on small values, a whole state read back
//! equal, and every kind of damaged input refused with its code.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use super::*;
use crate::actor::ActorKind;
use crate::ids::{ActorId, MissionId};
use crate::mission::Client;
use crate::money::Money;
use crate::negotiation::Declaration;
use crate::network::Network;

fn sample() -> Network {
    Network::replay(include_str!("../../../tests/fixtures/sample_journal.jsonl")).unwrap()
}

fn bytes_of<T: Codec>(value: &T) -> Vec<u8> {
    let mut out = Vec::new();
    value.encode(&mut out);
    out
}

fn read<T: Codec>(bytes: &[u8]) -> Result<T> {
    let mut r = Reader { bytes, at: 0, offset: 0, version: STATE_ENCODING_VERSION };
    let value = T::decode(&mut r)?;
    assert_eq!(r.at, bytes.len(), "every byte read");
    Ok(value)
}

fn code<T: std::fmt::Debug>(result: Result<T>) -> &'static str {
    result.unwrap_err().code()
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[test]
fn an_empty_state_is_the_magic_the_version_and_a_zero_per_field() {
    // 7 fields before the missions; the missions' section, one byte long
    // (no mission); 8 fields before the follow-up, 10 in it, last_seq,
    // then the fiscal year changes.
    let mut expected = b"coop-state\x04".to_vec();
    expected.extend([0u8; 7]);
    expected.extend([1, 0]);
    expected.extend([0u8; 8 + 10 + 1 + 1]);
    assert_eq!(encode_state(&NetworkState::default()), expected);
    assert_eq!(decode_state(&expected).unwrap(), NetworkState::default());
}

#[test]
fn a_state_of_version_3_reads_as_one_under_the_calendar_year() {
    // Version 3 is version 4 without the fiscal year changes at its end.
    let mut v3 = b"coop-state\x03".to_vec();
    v3.extend([0u8; 7]);
    v3.extend([1, 0]);
    v3.extend([0u8; 8 + 10]);
    v3.push(42); // last_seq
    let state = decode_state(&v3).unwrap();
    assert_eq!((state.last_seq, state.fiscal_years.len()), (42, 0));
    // A version-3 state of the sample: its version-4 bytes less the last one.
    let network = sample();
    let mut bytes = encode_state(network.state());
    assert_eq!(bytes.pop(), Some(0), "no fiscal year change in the sample");
    bytes[STATE_MAGIC.len()] = 3;
    assert_eq!(&decode_state(&bytes).unwrap(), network.state());
    // The same bytes as version 4 are cut short.
    bytes[STATE_MAGIC.len()] = 4;
    assert_eq!(code(decode_state(&bytes)), "journal.snapshot.encoding");
    for version in [0, 2, 5, 255] {
        bytes[STATE_MAGIC.len()] = version;
        assert_eq!(code(decode_state(&bytes)), "journal.snapshot.encoding", "version {version}");
    }
}

#[test]
fn fiscal_year_changes_are_written_and_read_back() {
    use crate::fiscal_year::{FiscalYearChange, FiscalYearStart};
    let change = FiscalYearChange { from_year: 2022, start: FiscalYearStart::new(7, 1).unwrap() };
    // The year zigzagged (4044 = 31·128 + 76), then month and day.
    assert_eq!(bytes_of(&change), [0x80 | 76, 31, 7, 1]);
    assert_eq!(read::<FiscalYearChange>(&[0x80 | 76, 31, 7, 1]).unwrap(), change);
    // A start that does not exist every year is refused as the JSON reader refuses it.
    assert_eq!(code(read::<FiscalYearStart>(&[2, 29])), "journal.snapshot.encoding");
}

#[test]
fn values_are_written_as_the_layout_says() {
    // 2020-01-06 is day 737,430 of the common era; zigzag doubles it to
    // 1,474,860 = 90·128² + 2·128 + 44, written low group first.
    let on = day(2020, 1, 6);
    assert_eq!(bytes_of(&on), [0x80 | 44, 0x80 | 2, 90]);
    // 4500.00 €: mantissa 450,000, zigzag 900,000 = 54·128² + 119·128 + 32, scale 2.
    let declaration = Declaration { amount: Money::from_cents(450_000), on };
    assert_eq!(bytes_of(&declaration), [0x80 | 32, 0x80 | 119, 54, 2, 0x80 | 44, 0x80 | 2, 90]);
    // -0.01 €: mantissa -1, zigzag 1.
    assert_eq!(bytes_of(&Money::from_cents(-1)), [1, 2]);
    // An outside client: tag 1, its name, its kind (local_authority, the second label).
    let client = Client::Outside { name: "Ville".into(), kind: ActorKind::LocalAuthority };
    assert_eq!(bytes_of(&client), [1, 5, b'V', b'i', b'l', b'l', b'e', 1]);
    let member = Client::Member { id: ActorId::new("m").unwrap() };
    assert_eq!(bytes_of(&member), [0, 1, b'm']);
    assert_eq!(bytes_of(&Some(true)), [1, 1]);
    assert_eq!(bytes_of(&None::<bool>), [0]);
    assert_eq!(bytes_of(&-3i64), [5]);
    assert_eq!(bytes_of(&300u64), [0x80 | 44, 2]);
    assert_eq!(read::<Declaration>(&bytes_of(&declaration)).unwrap(), declaration);
    assert_eq!(read::<Client>(&bytes_of(&client)).unwrap(), client);
}

#[test]
fn a_whole_state_reads_back_equal_and_writes_the_same_json() {
    let network = sample();
    let state = network.state();
    let fu = &state.follow_up;
    // The sample exercises the parts of a state that hold the most.
    assert!(!state.missions.is_empty() && !state.contracts.is_empty() && !fu.missions.is_empty());
    assert!(!fu.prior_work.is_empty() && !fu.level_decisions.is_empty());
    let bytes = encode_state(state);
    let read = decode_state(&bytes).unwrap();
    assert_eq!(&read, state);
    assert_eq!(serde_json::to_string(&read).unwrap(), serde_json::to_string(state).unwrap());
    assert_eq!(encode_state(&read), bytes, "one encoding per state");
}

#[test]
fn every_cut_and_every_extra_byte_is_refused() {
    let bytes = encode_state(sample().state());
    for end in 0..bytes.len() {
        assert_eq!(code(decode_state(&bytes[..end])), "journal.snapshot.encoding", "cut at {end}");
    }
    let mut longer = bytes.clone();
    longer.push(0);
    let err = decode_state(&longer).unwrap_err();
    assert!(err.to_string().contains("bytes after the end"), "{err}");
}

#[test]
fn a_flipped_byte_reads_as_another_state_or_an_error_never_a_panic() {
    let bytes = encode_state(sample().state());
    let mut refused = 0;
    for at in 0..bytes.len() {
        for flip in [0x01u8, 0x80, 0xff] {
            let mut edited = bytes.clone();
            edited[at] ^= flip;
            match decode_state(&edited) {
                Ok(state) => assert_eq!(decode_state(&encode_state(&state)).unwrap(), state),
                Err(e) => {
                    assert_eq!(e.code(), "journal.snapshot.encoding");
                    refused += 1;
                }
            }
        }
    }
    assert!(refused > 0);
}

#[test]
fn another_encoding_or_version_is_refused_by_name() {
    let err = decode_state(b"{\"actors\":{}}").unwrap_err();
    assert_eq!(err.code(), "journal.snapshot.encoding");
    assert!(err.to_string().contains("do not start as an encoded state"), "{err}");
    let mut bytes = encode_state(&NetworkState::default());
    bytes[STATE_MAGIC.len()] = 5;
    let err = decode_state(&bytes).unwrap_err();
    assert!(err.to_string().contains("encoding version 5; this build reads versions 3 to 4"), "{err}");
}

#[test]
fn values_no_state_holds_are_refused() {
    let invalid = |bytes: &[u8]| read::<Declaration>(bytes).unwrap_err().to_string();
    // Three decimals, then an amount beyond the money range.
    assert!(invalid(&[2, 3, 0]).contains("beyond two decimals"));
    // The largest mantissa as whole euros: beyond (2^96 - 1) cents.
    let too_big = bytes_of(&rust_decimal::Decimal::MAX);
    assert!(invalid(&too_big).contains("money range"));
    // A mantissa no decimal holds.
    let mut huge = Vec::new();
    write_varint(&mut huge, zigzag(1i128 << 96));
    assert!(invalid(&[huge.as_slice(), &[2]].concat()).contains("a decimal of mantissa"));
    // A day number beyond chrono's dates.
    let far = bytes_of(&i32::MAX);
    assert!(invalid(&[&[0, 2][..], &far].concat()).contains("not a date"));
    // A number written with a useless trailing group, and one beyond 128 bits.
    assert!(read::<u64>(&[0x81, 0x00]).unwrap_err().to_string().contains("more bytes than it needs"));
    assert!(read::<u64>(&[0xff; 20]).unwrap_err().to_string().contains("beyond 128 bits"));
    assert!(read::<u8>(&[0x80 | 44, 2]).unwrap_err().to_string().contains("out of range"));
    // An identifier the JSON reader refuses too.
    assert!(read::<MissionId>(&[3, b'a', b' ', b'b']).unwrap_err().to_string().contains("a b"));
    assert!(read::<String>(&[2, 0xc3, 0x28]).unwrap_err().to_string().contains("not UTF-8"));
    // An unknown label position, an unknown tag, a boolean of 2, an option of 2.
    assert!(read::<ActorKind>(&[6]).unwrap_err().to_string().contains("actor kind number 6"));
    assert!(read::<Client>(&[2]).unwrap_err().to_string().contains("Client tag 2"));
    assert!(read::<bool>(&[2]).is_err() && read::<Option<bool>>(&[2]).is_err());
    // Map keys repeated or out of order, and a length beyond the bytes left.
    let entry = |k: u8| [1, k, 0];
    let map = [&[2u8][..], &entry(b'b'), &entry(b'a')].concat();
    let err = read::<BTreeMap<String, bool>>(&map).unwrap_err();
    assert!(err.to_string().contains("out of order or repeated"), "{err}");
    assert!(read::<Vec<bool>>(&[0x80 | 0x7f, 0x7f]).unwrap_err().to_string().contains("beyond the end"));
}
