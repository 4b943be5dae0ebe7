__version__ = "0.1.0"

def __getattr__(name):
    # `from neural_painter_x import paint` (or `visualize`, `reconstruct`) without importing torch and fastai at package import
    if name in ('paint', 'Painting'):
        from neural_painter_x import painting
        return getattr(painting, name)
    if name == 'visualize':
        from neural_painter_x.visualization import visualize
        return visualize
    if name == 'reconstruct':
        from neural_painter_x.agent import reconstruct
        return reconstruct
    raise AttributeError(f"module 'neural_painter_x' has no attribute {name!r}")
