"""What the report says and shows: the notebooks' API (`report`), generated sentences,
charts, HTML blocks and the house style."""
