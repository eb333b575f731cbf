"""The read side: queries over the read models and the View structs they return."""
