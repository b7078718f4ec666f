"""The analyst's own words and photos: the places their headings can name, reading a Word or
Markdown file as a hostile one, photos drawn again, the Word template and the example."""
