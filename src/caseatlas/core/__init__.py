"""What every stage shares: errors and their locations, the bounds on one file, the one guard of every
write, only-regular-files reading, the per-file cache, inert markup (contributor text made safe), the
vocabularies and the interface words of each language.

May import: nothing else of caseatlas.
"""
