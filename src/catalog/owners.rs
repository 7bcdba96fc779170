//! `owners.yaml`: the teams that may own contracts.

use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
pub struct Team {
    pub id: String,
    pub name: String,
    pub contact: String,
    pub description: Option<String>,
    /// People who may approve an `accepted` entry on the team's behalf (optional).
    #[serde(default)]
    pub approvers: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct Owners {
    pub teams: Vec<Team>,
}

impl Owners {
    pub fn get(&self, id: &str) -> Option<&Team> {
        self.teams.iter().find(|team| team.id == id)
    }

    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.teams.iter().map(|team| team.id.as_str())
    }

    /// Each team whose id an earlier team already has, as (its index, the earlier one's): two
    /// teams with one id make "who owns this contract" ambiguous.
    pub fn repeated_ids(&self) -> Vec<(usize, usize)> {
        let mut first = std::collections::HashMap::new();
        self.teams
            .iter()
            .enumerate()
            .filter_map(|(index, team)| match first.entry(team.id.as_str()) {
                std::collections::hash_map::Entry::Occupied(earlier) => {
                    Some((index, *earlier.get()))
                }
                std::collections::hash_map::Entry::Vacant(slot) => {
                    slot.insert(index);
                    None
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn team(id: &str) -> Team {
        Team {
            id: id.into(),
            name: id.into(),
            contact: "#x".into(),
            description: None,
            approvers: Vec::new(),
        }
    }

    #[test]
    fn a_team_id_given_twice_is_found_with_both_places() {
        let owners = Owners {
            teams: vec![team("a"), team("b"), team("a"), team("a")],
        };
        assert_eq!(owners.repeated_ids(), [(2, 0), (3, 0)]);
        assert!(
            Owners {
                teams: vec![team("a"), team("b")]
            }
            .repeated_ids()
            .is_empty()
        );
    }
}
