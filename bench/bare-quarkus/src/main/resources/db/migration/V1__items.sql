create table items (id varchar(36) primary key, name varchar(100));
insert into items (id, name) values ('1', 'one');
