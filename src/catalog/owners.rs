//! `owners.yaml`: the teams that may own contracts.

use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
pub struct Team {
    pub id: String,
    pub name: String,
    pub contact: String,
    pub description: Option<String>,
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
}
