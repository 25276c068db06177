//! A replica of the real `taskchampion` crate, in memory, driven synchronously.

use std::collections::BTreeMap;

use uuid::Uuid;

pub type Tasks = BTreeMap<Uuid, BTreeMap<String, String>>;

/// Every task of a tcui replica, for comparing with a peer's.
pub fn tcui_tasks(rep: &tcui::replica::Replica) -> Tasks {
    rep.all_task_data()
        .unwrap()
        .into_iter()
        .map(|(u, t)| (u, t.into_map()))
        .collect()
}

/// Add a pending task to a tcui replica, as one undo step.
pub fn tcui_add(rep: &mut tcui::replica::Replica, description: &str) -> Uuid {
    use tcui::task::{Operation, TaskData};
    let uuid = Uuid::new_v4();
    let mut ops = vec![Operation::UndoPoint];
    let mut t = TaskData::create(uuid, &mut ops);
    let now = chrono::Utc::now();
    t.update("status", Some("pending".into()), now, &mut ops);
    t.update("description", Some(description.into()), now, &mut ops);
    rep.commit_operations(ops).unwrap();
    uuid
}

/// Set (or remove) one property of a tcui replica's task, as one undo step.
pub fn tcui_set(rep: &mut tcui::replica::Replica, uuid: Uuid, prop: &str, value: Option<&str>) {
    use tcui::task::{Operation, TaskData};
    let mut ops = vec![Operation::UndoPoint];
    let mut t = match rep.get_task_data(uuid).unwrap() {
        Some(t) => t,
        None => TaskData::create(uuid, &mut ops),
    };
    t.update(prop, value.map(str::to_owned), chrono::Utc::now(), &mut ops);
    rep.commit_operations(ops).unwrap();
}

pub struct Peer {
    pub rep: taskchampion::Replica<taskchampion::storage::inmemory::InMemoryStorage>,
    pub server: Box<dyn taskchampion::Server>,
    pub rt: tokio::runtime::Runtime,
}

impl Peer {
    pub fn new(config: taskchampion::ServerConfig) -> Peer {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let server = rt.block_on(config.into_server()).unwrap();
        let rep =
            taskchampion::Replica::new(taskchampion::storage::inmemory::InMemoryStorage::new());
        Peer { rep, server, rt }
    }

    /// On an HTTP server, with a client id and secret, like a second machine.
    pub fn remote(url: &str, client_id: Uuid, secret: &[u8]) -> Peer {
        Peer::new(taskchampion::ServerConfig::Remote {
            url: url.to_string(),
            client_id,
            encryption_secret: secret.to_vec(),
        })
    }

    pub fn sync(&mut self) {
        self.rt
            .block_on(self.rep.sync(&mut self.server, false))
            .unwrap();
    }

    /// Set (or remove) one property, creating the task if needed.
    pub fn set(&mut self, uuid: Uuid, prop: &str, value: Option<&str>) {
        self.rt.block_on(async {
            let mut ops = taskchampion::Operations::new();
            let mut t = match self.rep.get_task_data(uuid).await.unwrap() {
                Some(t) => t,
                None => taskchampion::TaskData::create(uuid, &mut ops),
            };
            t.update(prop, value.map(str::to_owned), &mut ops);
            self.rep.commit_operations(ops).await.unwrap();
        });
    }

    /// A new pending task.
    pub fn add(&mut self, description: &str) -> Uuid {
        let uuid = Uuid::new_v4();
        self.set(uuid, "status", Some("pending"));
        self.set(uuid, "description", Some(description));
        uuid
    }

    pub fn tasks(&mut self) -> Tasks {
        self.rt
            .block_on(self.rep.all_task_data())
            .unwrap()
            .into_iter()
            .map(|(u, t)| (u, t.iter().map(|(k, v)| (k.clone(), v.clone())).collect()))
            .collect()
    }
}
