//! The replica benchmark's workload: a deterministic generator and the tasks it describes, the
//! same for tcui and taskchampion.

use uuid::Uuid;

pub const BASE_EPOCH: u64 = 1_700_000_000;
/// In the 100k load, every tenth task is pending; the others are completed.
pub const BIG_PENDING_EVERY: usize = 10;

const WORDS: &[&str] = &[
    "call",
    "fix",
    "review",
    "write",
    "plan",
    "buy",
    "clean",
    "update",
    "check",
    "send",
    "the",
    "garden",
    "invoice",
    "report",
    "kitchen",
    "server",
    "budget",
    "draft",
    "notes",
    "tickets",
    "backup",
    "meeting",
    "release",
    "bike",
    "groceries",
    "letter",
    "design",
    "tests",
];
const PROJECTS: &[&str] = &["home", "work", "work.infra", "garden", "errands", "bench"];
const TAGS: &[&str] = &[
    "next", "home", "work", "urgent", "someday", "phone", "waiting",
];
const PRIORITIES: &[&str] = &["H", "M", "L"];

/// xorshift64*: small, fast and deterministic.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed.max(1))
    }

    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    pub fn uuid(&mut self) -> Uuid {
        let mut bytes = [0u8; 16];
        bytes[..8].copy_from_slice(&self.next().to_le_bytes());
        bytes[8..].copy_from_slice(&self.next().to_le_bytes());
        uuid::Builder::from_random_bytes(bytes).into_uuid()
    }

    pub fn description(&mut self) -> String {
        let mut s = String::new();
        while s.len() < 36 {
            if !s.is_empty() {
                s.push(' ');
            }
            s.push_str(self.pick(WORDS));
        }
        s
    }
}

/// One task to create: its UUID and its properties, in the order they are set.
pub struct Spec {
    pub uuid: Uuid,
    pub props: Vec<(String, String)>,
}

/// Task `i` of `create_1k`: pending, six properties.
pub fn spec_simple(rng: &mut Rng, i: usize) -> Spec {
    let ts = (BASE_EPOCH + i as u64 * 60).to_string();
    Spec {
        uuid: rng.uuid(),
        props: vec![
            ("status".into(), "pending".into()),
            ("description".into(), rng.description()),
            ("entry".into(), ts.clone()),
            ("modified".into(), ts),
            ("project".into(), rng.pick(PROJECTS).into()),
            ("tag_x".into(), String::new()),
        ],
    }
}

/// Task `i` of the 100k load: pending or completed, with the properties real tasks carry.
pub fn spec_realistic(rng: &mut Rng, i: usize) -> Spec {
    let pending = i.is_multiple_of(BIG_PENDING_EVERY);
    let entry = BASE_EPOCH + i as u64 * 30;
    let modified = entry + rng.below(86_400 * 30) as u64;
    let mut props: Vec<(String, String)> = vec![
        (
            "status".into(),
            if pending { "pending" } else { "completed" }.into(),
        ),
        ("description".into(), rng.description()),
        ("entry".into(), entry.to_string()),
        ("modified".into(), modified.to_string()),
    ];
    if rng.chance(80) {
        props.push(("project".into(), rng.pick(PROJECTS).into()));
    }
    let ntags = rng.below(4);
    let first = rng.below(TAGS.len());
    for k in 0..ntags {
        props.push((
            format!("tag_{}", TAGS[(first + k) % TAGS.len()]),
            String::new(),
        ));
    }
    if rng.chance(20) {
        let due = entry + rng.below(86_400 * 60) as u64;
        props.push(("due".into(), due.to_string()));
    }
    if rng.chance(25) {
        props.push(("priority".into(), rng.pick(PRIORITIES).into()));
    }
    if rng.chance(10) {
        let at = entry + rng.below(86_400) as u64;
        props.push((format!("annotation_{at}"), rng.description()));
    }
    if !pending {
        props.push(("end".into(), modified.to_string()));
    }
    Spec {
        uuid: rng.uuid(),
        props,
    }
}
