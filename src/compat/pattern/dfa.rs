//! Deterministic automata built on demand from `regex-automata`'s Thompson NFAs (subset
//! construction over byte classes), and the questions asked of them: is one language inside
//! another (with the shortest string that shows it is not), how short and how long can a
//! member be, and a few members. Every question has a state budget, so a hostile pattern
//! (`(a|b)*a(a|b){20}` has a million-state DFA) ends in [`OverBudget`], not in a stall.

use std::collections::{HashMap, VecDeque};

use regex_automata::nfa::thompson::{NFA, State};
use regex_automata::util::look::Look;
use regex_automata::util::primitives::StateID;

/// The most DFA states built for one pattern, and product states explored for one question.
const MAX_DFA_STATES: usize = 4_000;
const MAX_PRODUCT_STATES: usize = 40_000;

/// The automata grew past their budget.
#[derive(Debug)]
pub(super) struct OverBudget;

/// Bytes that behave alike in every automaton of a question, and one byte standing for each.
pub(super) struct Classes {
    representatives: Vec<u8>,
}

impl Classes {
    /// The coarsest partition that refines the byte classes of every NFA, and that keeps
    /// UTF-8 continuation bytes apart from the rest (so characters can be counted by class).
    pub(super) fn joint(nfas: &[&NFA]) -> Classes {
        let mut seen: HashMap<Vec<u8>, u8> = HashMap::new();
        let mut representatives = Vec::new();
        for byte in 0..=255u8 {
            let mut key: Vec<u8> = nfas.iter().map(|n| n.byte_classes().get(byte)).collect();
            key.push(u8::from(is_continuation(byte)));
            let next = representatives.len();
            let class = *seen.entry(key).or_insert_with(|| {
                representatives.push(byte);
                next as u8
            });
            // Witnesses read better made of letters and digits than of control bytes.
            let current = &mut representatives[usize::from(class)];
            if legibility(byte) > legibility(*current) {
                *current = byte;
            }
        }
        Classes { representatives }
    }

    fn len(&self) -> usize {
        self.representatives.len()
    }
}

/// How readable a byte is in a witness: a letter, a digit, punctuation, then anything else.
fn legibility(byte: u8) -> u8 {
    match byte {
        b'a'..=b'z' => 4,
        b'A'..=b'Z' | b'0'..=b'9' => 3,
        b'!'..=b'~' => 2,
        b' ' => 1,
        _ => 0,
    }
}

fn is_continuation(byte: u8) -> bool {
    (0x80..0xC0).contains(&byte)
}

const UNKNOWN: u32 = u32::MAX;

/// How an explored state was first reached: from which earlier entry, reading which byte
/// (`None` for the start), so the shortest string to it can be read back.
type Reached = Option<(usize, u8)>;

/// One NFA determinized lazily: a DFA state is the set of byte-consuming NFA states reachable
/// after the input read so far (`^` only passes at the start), accepting when a match is
/// reachable at the end of the input (`$` only passes there).
pub(super) struct Dfa<'a> {
    nfa: &'a NFA,
    /// A state is its kernel and its acceptance: two states with one kernel, one accepting
    /// and one not (`^a$` after `a`, and a dead end), read the rest of the input alike but are
    /// not the same state.
    sets: HashMap<(Vec<StateID>, bool), u32>,
    states: Vec<(Vec<StateID>, bool)>,
    /// `states.len() * classes` next states, `UNKNOWN` until computed.
    next: Vec<u32>,
    classes: usize,
}

impl<'a> Dfa<'a> {
    pub(super) fn new(nfa: &'a NFA, classes: &Classes) -> Result<Dfa<'a>, OverBudget> {
        let mut dfa = Dfa {
            nfa,
            sets: HashMap::new(),
            states: Vec::new(),
            next: Vec::new(),
            classes: classes.len(),
        };
        let (set, accepting) = dfa.closure(&[nfa.start_anchored()], true);
        dfa.intern(set, accepting)?;
        Ok(dfa)
    }

    /// The start state.
    pub(super) const START: u32 = 0;

    pub(super) fn accepting(&self, state: u32) -> bool {
        self.states[state as usize].1
    }

    /// No input leads from `state` to acceptance any more (nothing left to consume).
    fn dead(&self, state: u32) -> bool {
        let (set, accepting) = &self.states[state as usize];
        set.is_empty() && !accepting
    }

    fn intern(&mut self, set: Vec<StateID>, accepting: bool) -> Result<u32, OverBudget> {
        let key = (set, accepting);
        if let Some(id) = self.sets.get(&key) {
            return Ok(*id);
        }
        if self.states.len() >= MAX_DFA_STATES {
            return Err(OverBudget);
        }
        let id = self.states.len() as u32;
        self.states.push(key.clone());
        self.sets.insert(key, id);
        self.next.extend(std::iter::repeat_n(UNKNOWN, self.classes));
        Ok(id)
    }

    /// The byte-consuming states reachable from `seeds` without input, sorted, and whether a
    /// match is reachable if the input ends here.
    fn closure(&self, seeds: &[StateID], at_start: bool) -> (Vec<StateID>, bool) {
        let mut set = Vec::new();
        let mut accepting = false;
        // Visited with and without having passed an end-of-input assertion.
        let mut seen: std::collections::HashSet<(StateID, bool)> = Default::default();
        let mut stack: Vec<(StateID, bool)> = seeds.iter().map(|s| (*s, false)).collect();
        while let Some((id, past_end)) = stack.pop() {
            if !seen.insert((id, past_end)) {
                continue;
            }
            match self.nfa.state(id) {
                State::ByteRange { .. } | State::Sparse(_) | State::Dense(_) => {
                    // Past `$` nothing more can be read.
                    if !past_end {
                        set.push(id);
                    }
                }
                State::Union { alternates } => {
                    stack.extend(alternates.iter().map(|s| (*s, past_end)));
                }
                State::BinaryUnion { alt1, alt2 } => {
                    stack.push((*alt1, past_end));
                    stack.push((*alt2, past_end));
                }
                State::Capture { next, .. } => stack.push((*next, past_end)),
                State::Look { look, next } => match look {
                    Look::Start if at_start => stack.push((*next, past_end)),
                    Look::End => stack.push((*next, true)),
                    // Other assertions are refused before an NFA is built.
                    _ => {}
                },
                State::Fail => {}
                State::Match { .. } => accepting = true,
            }
        }
        set.sort_unstable();
        set.dedup();
        (set, accepting)
    }

    /// The state after reading one byte of `class` in `state`.
    pub(super) fn step(
        &mut self,
        state: u32,
        class: usize,
        classes: &Classes,
    ) -> Result<u32, OverBudget> {
        let slot = state as usize * self.classes + class;
        if self.next[slot] != UNKNOWN {
            return Ok(self.next[slot]);
        }
        let byte = classes.representatives[class];
        let targets: Vec<StateID> = self.states[state as usize]
            .0
            .iter()
            .filter_map(|id| match self.nfa.state(*id) {
                State::ByteRange { trans } => trans.matches_byte(byte).then_some(trans.next),
                State::Sparse(sparse) => sparse.matches_byte(byte),
                State::Dense(dense) => dense.matches_byte(byte),
                _ => None,
            })
            .collect();
        let (set, accepting) = self.closure(&targets, false);
        let id = self.intern(set, accepting)?;
        self.next[slot] = id;
        Ok(id)
    }
}

/// The shortest string `a` accepts and `b` does not, or `None` when `a`'s language is inside
/// `b`'s.
pub(super) fn shortest_difference(
    a: &mut Dfa<'_>,
    b: &mut Dfa<'_>,
    classes: &Classes,
) -> Result<Option<Vec<u8>>, OverBudget> {
    let mut index: HashMap<(u32, u32), usize> = HashMap::new();
    // Each explored pair, with the pair and byte it was reached from.
    let mut explored: Vec<((u32, u32), Reached)> = Vec::new();
    let mut queue = VecDeque::new();
    index.insert((Dfa::START, Dfa::START), 0);
    explored.push(((Dfa::START, Dfa::START), None));
    queue.push_back(0usize);
    while let Some(at) = queue.pop_front() {
        let (sa, sb) = explored[at].0;
        if a.accepting(sa) && !b.accepting(sb) {
            return Ok(Some(path(&explored, at)));
        }
        if a.dead(sa) {
            continue;
        }
        for class in 0..classes.len() {
            let pair = (a.step(sa, class, classes)?, b.step(sb, class, classes)?);
            if a.dead(pair.0) || index.contains_key(&pair) {
                continue;
            }
            if explored.len() >= MAX_PRODUCT_STATES {
                return Err(OverBudget);
            }
            index.insert(pair, explored.len());
            queue.push_back(explored.len());
            explored.push((pair, Some((at, classes.representatives[class]))));
        }
    }
    Ok(None)
}

/// The shortest string every automaton of `all` accepts and none of `none` does, or `None`
/// when there is no such string: the emptiness of an intersection of languages and
/// complements, explored as one product automaton.
pub(super) fn shortest_common<'a>(
    all: &mut [Dfa<'a>],
    none: &mut [Dfa<'a>],
    classes: &Classes,
) -> Result<Option<Vec<u8>>, OverBudget> {
    let start = vec![Dfa::START; all.len() + none.len()];
    let mut index: HashMap<Vec<u32>, usize> = HashMap::new();
    let mut explored: Vec<(Vec<u32>, Reached)> = vec![(start.clone(), None)];
    index.insert(start, 0);
    let mut queue = VecDeque::from([0usize]);
    let split = all.len();
    while let Some(at) = queue.pop_front() {
        let states = explored[at].0.clone();
        let (must, must_not) = states.split_at(split);
        let accepted = all.iter().zip(must).all(|(d, s)| d.accepting(*s))
            && !none.iter().zip(must_not).any(|(d, s)| d.accepting(*s));
        if accepted {
            return Ok(Some(path(&explored, at)));
        }
        if all.iter().zip(must).any(|(d, s)| d.dead(*s)) {
            continue;
        }
        for class in 0..classes.len() {
            let mut next = Vec::with_capacity(states.len());
            for (dfa, state) in all.iter_mut().chain(none.iter_mut()).zip(&states) {
                next.push(dfa.step(*state, class, classes)?);
            }
            if all.iter().zip(&next).any(|(d, s)| d.dead(*s)) || index.contains_key(&next) {
                continue;
            }
            if explored.len() >= MAX_PRODUCT_STATES {
                return Err(OverBudget);
            }
            index.insert(next.clone(), explored.len());
            queue.push_back(explored.len());
            explored.push((next, Some((at, classes.representatives[class]))));
        }
    }
    Ok(None)
}

fn path<T>(explored: &[(T, Reached)], mut at: usize) -> Vec<u8> {
    let mut bytes = Vec::new();
    while let Some((from, byte)) = explored[at].1 {
        bytes.push(byte);
        at = from;
    }
    bytes.reverse();
    bytes
}

/// Every state reachable from the start, with its successors by class.
fn explore(dfa: &mut Dfa<'_>, classes: &Classes) -> Result<Vec<Vec<(usize, u32)>>, OverBudget> {
    let mut edges: Vec<Vec<(usize, u32)>> = Vec::new();
    let mut queue = VecDeque::from([Dfa::START]);
    let mut queued = vec![true];
    while let Some(state) = queue.pop_front() {
        let mut out = Vec::new();
        for class in 0..classes.len() {
            let next = dfa.step(state, class, classes)?;
            if queued.len() <= next as usize {
                queued.resize(next as usize + 1, false);
            }
            if !dfa.dead(next) {
                out.push((class, next));
                if !queued[next as usize] {
                    queued[next as usize] = true;
                    queue.push_back(next);
                }
            }
        }
        if edges.len() <= state as usize {
            edges.resize(state as usize + 1, Vec::new());
        }
        edges[state as usize] = out;
    }
    edges.resize(dfa.states.len(), Vec::new());
    Ok(edges)
}

/// The fewest and the most characters (code points) of a member, `None` for the most when
/// members can be arbitrarily long; `None` altogether when the language is empty.
pub(super) fn length_range(
    dfa: &mut Dfa<'_>,
    classes: &Classes,
) -> Result<Option<(u64, Option<u64>)>, OverBudget> {
    let edges = explore(dfa, classes)?;
    let count = edges.len();
    // A byte that starts a character counts one; continuation bytes count nothing.
    let weight = |class: usize| u64::from(!is_continuation(classes.representatives[class]));
    // States from which acceptance is still reachable.
    let mut live: Vec<bool> = (0..count).map(|s| dfa.accepting(s as u32)).collect();
    loop {
        let mut changed = false;
        for state in 0..count {
            if !live[state] && edges[state].iter().any(|(_, n)| live[*n as usize]) {
                live[state] = true;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    if !live[Dfa::START as usize] {
        return Ok(None);
    }
    // Fewest characters: 0-1 breadth-first search.
    let mut least = vec![u64::MAX; count];
    let mut deque = VecDeque::from([(Dfa::START, 0u64)]);
    while let Some((state, d)) = deque.pop_front() {
        if d >= least[state as usize] {
            continue;
        }
        least[state as usize] = d;
        for (class, next) in &edges[state as usize] {
            let w = weight(*class);
            if w == 0 {
                deque.push_front((*next, d));
            } else {
                deque.push_back((*next, d + 1));
            }
        }
    }
    let min = (0..count)
        .filter(|s| dfa.accepting(*s as u32))
        .map(|s| least[s])
        .min()
        .unwrap_or(u64::MAX);
    Ok(Some((
        min,
        longest(&edges, &live, &weight, |s| dfa.accepting(s)),
    )))
}

/// The most characters on a path from the start to acceptance through live states, or `None`
/// when a live cycle makes it unbounded.
fn longest(
    edges: &[Vec<(usize, u32)>],
    live: &[bool],
    weight: &dyn Fn(usize) -> u64,
    accepting: impl Fn(u32) -> bool,
) -> Option<u64> {
    // Iterative depth-first search with colours; `best[s]`: most characters from s to an end.
    const WHITE: u8 = 0;
    const GREY: u8 = 1;
    const BLACK: u8 = 2;
    let mut colour = vec![WHITE; edges.len()];
    let mut best: Vec<Option<u64>> = vec![None; edges.len()];
    let mut stack: Vec<(u32, usize)> = vec![(Dfa::START, 0)];
    colour[Dfa::START as usize] = GREY;
    while let Some((state, edge)) = stack.last().copied() {
        let s = state as usize;
        let live_edges: Vec<&(usize, u32)> =
            edges[s].iter().filter(|(_, n)| live[*n as usize]).collect();
        if edge < live_edges.len() {
            stack.last_mut().expect("not empty").1 += 1;
            let next = live_edges[edge].1;
            match colour[next as usize] {
                GREY => return None,
                WHITE => {
                    colour[next as usize] = GREY;
                    stack.push((next, 0));
                }
                _ => {}
            }
            continue;
        }
        let mut most = accepting(state).then_some(0);
        for (class, next) in live_edges {
            if let Some(rest) = best[*next as usize] {
                let total = rest + weight(*class);
                most = Some(most.map_or(total, |m: u64| m.max(total)));
            }
        }
        best[s] = most;
        colour[s] = BLACK;
        stack.pop();
    }
    best[Dfa::START as usize]
}

/// Up to `limit` members, shortest first: the shortest way to each accepting state.
pub(super) fn members(
    dfa: &mut Dfa<'_>,
    classes: &Classes,
    limit: usize,
) -> Result<Vec<Vec<u8>>, OverBudget> {
    let mut explored: Vec<(u32, Reached)> = vec![(Dfa::START, None)];
    let mut seen = vec![false; MAX_DFA_STATES];
    seen[Dfa::START as usize] = true;
    let mut found = Vec::new();
    let mut at = 0;
    while at < explored.len() && found.len() < limit {
        let state = explored[at].0;
        if dfa.accepting(state) {
            found.push(path(&explored, at));
        }
        for class in 0..classes.len() {
            let next = dfa.step(state, class, classes)?;
            if dfa.dead(next) || seen[next as usize] {
                continue;
            }
            if explored.len() >= MAX_DFA_STATES {
                return Ok(found);
            }
            seen[next as usize] = true;
            explored.push((next, Some((at, classes.representatives[class]))));
        }
        at += 1;
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex_automata::nfa::thompson;

    #[test]
    fn classes_keep_continuation_bytes_apart_and_read_well() {
        let nfa = thompson::NFA::new("a").unwrap();
        let reps = Classes::joint(&[&nfa]).representatives;
        assert!(reps.contains(&b'a'));
        // Continuation bytes are a class of their own; the class of everything else (other
        // letters, lead bytes) is shown by a letter.
        assert!(reps.iter().any(|b| is_continuation(*b)));
        assert!(reps.contains(&b'b'));
    }
}
